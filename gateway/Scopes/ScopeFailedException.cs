namespace Profiles.Gateway.Scopes;

/// <summary>
/// A required child of a scope failed or timed out. <see cref="Exception.InnerException"/> is its
/// error; <see cref="OtherErrors"/> keeps what the other children threw, so nothing is lost.
/// </summary>
public sealed class ScopeFailedException(string childName, ChildStatus status, Exception error, IReadOnlyList<Exception> otherErrors)
    : Exception($"Required child '{childName}' ended {status.ToString().ToLowerInvariant()}: {error.Message}", error)
{
    public string ChildName { get; } = childName;

    public ChildStatus Status { get; } = status;

    public IReadOnlyList<Exception> OtherErrors { get; } = otherErrors;
}
