namespace Profiles.AppHost.Hosting.Orchestration;

public enum ResourceState
{
    /// <summary>Not started yet: waiting for the resources it waits for to be healthy.</summary>
    Waiting,

    /// <summary>The process is starting and has not answered <c>/health</c> yet.</summary>
    Starting,

    /// <summary>The process answers <c>/health</c> with success.</summary>
    Running,

    /// <summary>The process was healthy and no longer is.</summary>
    Unhealthy,

    /// <summary>The process was stopped, on demand or with the AppHost.</summary>
    Exited,

    /// <summary>The process could not be launched, or was not healthy within the start timeout.</summary>
    FailedToStart,

    /// <summary>The process exited unexpectedly; it is started again after a back-off.</summary>
    Restarting,
}
