namespace Profiles.Gateway.Scopes;

/// <summary>
/// How one child of a scope ended. <see cref="StartedAt"/> is measured from the scope's start, so
/// the children of one request line up on a shared time axis.
/// </summary>
public sealed record ChildResult<T>(string Name, ChildStatus Status, TimeSpan StartedAt, TimeSpan Elapsed, T? Value, Exception? Error)
{
    public TimeSpan EndedAt => StartedAt + Elapsed;
}

internal static class ChildResult
{
    public static ChildResult<T> Ok<T>(string name, TimeSpan startedAt, TimeSpan elapsed, T value) => new(name, ChildStatus.Ok, startedAt, elapsed, value, null);

    public static ChildResult<T> Ended<T>(string name, ChildStatus status, TimeSpan startedAt, TimeSpan elapsed, Exception error) =>
        new(name, status, startedAt, elapsed, default, error);

    public static ChildResult<T> Skipped<T>(string name) => new(name, ChildStatus.Skipped, TimeSpan.Zero, TimeSpan.Zero, default, null);
}
