namespace Profiles.Gateway.Scopes;

/// <summary>
/// What one child of a scope did. <see cref="StartedAt"/> is measured from the scope's start, so
/// the children of one request line up on a shared time axis (the waterfall).
/// </summary>
public sealed record ChildResult<T>(
    string Name,
    bool Required,
    ChildStatus Status,
    TimeSpan StartedAt,
    TimeSpan Elapsed,
    T? Value,
    Exception? Error,
    int Attempts,
    bool Hedged)
{
    public TimeSpan EndedAt => StartedAt + Elapsed;
}

public static class ChildResult
{
    public static ChildResult<T> Skipped<T>(string name, bool required) =>
        new(name, required, ChildStatus.Skipped, TimeSpan.Zero, TimeSpan.Zero, default, null, 0, false);
}
