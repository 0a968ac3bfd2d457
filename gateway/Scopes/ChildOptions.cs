namespace Profiles.Gateway.Scopes;

/// <summary>
/// How a child runs. A required child's failure fails the scope and cancels its siblings; an
/// optional child's failure is only recorded. <see cref="Timeout"/> null means the scope's
/// deadline alone bounds it.
/// </summary>
public readonly record struct ChildOptions(bool Required, TimeSpan? Timeout = null);
