namespace Profiles.Gateway.Scopes;

/// <summary>How a child of a <see cref="RequestScope"/> ended.</summary>
public enum ChildStatus
{
    /// <summary>It returned a value.</summary>
    Ok,

    /// <summary>Its own timeout or the scope's deadline passed first.</summary>
    Timeout,

    /// <summary>It threw.</summary>
    Failed,

    /// <summary>Stopped because the client went away or a required sibling failed.</summary>
    Cancelled,

    /// <summary>Never started: the scope had already failed or been cancelled.</summary>
    Skipped,
}
