using Microsoft.Extensions.Logging;

namespace Profiles.AppHost.Hosting.Orchestration;

internal static partial class OrchestratorLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Resource} waits for {Dependencies} to be healthy")]
    public static partial void Waiting(ILogger logger, string resource, IEnumerable<ProjectResource> dependencies);

    // Tests that kill the AppHost read the PIDs of its children from this line.
    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Replica} started (PID {ProcessId})")]
    public static partial void Started(ILogger logger, string replica, int processId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "{Replica} is healthy")]
    public static partial void Healthy(ILogger logger, string replica);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "{Replica} is unhealthy")]
    public static partial void Unhealthy(ILogger logger, string replica);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "{Replica} is not healthy {Timeout} after it started")]
    public static partial void NotHealthyInTime(ILogger logger, string replica, TimeSpan timeout);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "{Replica} could not be started")]
    public static partial void LaunchFailed(ILogger logger, Exception exception, string replica);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "{Replica} exited with code {ExitCode}; restarting in {Delay}")]
    public static partial void Crashed(ILogger logger, string replica, int? exitCode, TimeSpan delay);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "{Replica} stopped (exit code {ExitCode})")]
    public static partial void Stopped(ILogger logger, string replica, int? exitCode);
}
