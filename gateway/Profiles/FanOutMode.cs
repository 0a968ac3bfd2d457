namespace Profiles.Gateway.Profiles;

/// <summary>How the parts of one profile are fetched (docs/architecture.md, "A request's path").</summary>
public enum FanOutMode
{
    /// <summary>All parts at once inside the request scope.</summary>
    Concurrent,

    /// <summary>One part after another, awaiting each: the "await inside a loop" mistake.</summary>
    Sequential,

    /// <summary>One after another through synchronous clients, holding the request's thread: what the servlets did. Here to be measured against.</summary>
    Blocking,
}
