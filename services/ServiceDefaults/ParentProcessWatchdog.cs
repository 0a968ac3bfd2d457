using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Ends this process when the AppHost that started it is gone. A child cannot rely on its parent
/// to stop it: a parent killed with SIGKILL runs no cleanup, and on Linux its children are simply
/// re-parented. So each child watches the parent whose PID the AppHost passed in
/// <c>APPHOST_PARENT_PID</c>, and stops itself gracefully, then forcefully, once it has exited.
/// </summary>
internal sealed partial class ParentProcessWatchdog(
    int parentProcessId,
    IHostApplicationLifetime lifetime,
    ILogger<ParentProcessWatchdog> logger) : BackgroundService
{
    public const string ParentPidVariable = "APPHOST_PARENT_PID";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan GracefulStopAllowance = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var parent = TryOpen(parentProcessId);
        var startedAt = parent is null ? default : parent.StartTime;

        using var timer = new PeriodicTimer(PollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!IsAlive(parentProcessId, startedAt))
            {
                LogParentGone(logger, parentProcessId);
                lifetime.StopApplication();
                _ = ExitIfStillRunningAsync();
                return;
            }
        }
    }

    /// <summary>A stuck shutdown must not leave an orphan behind.</summary>
    private static async Task ExitIfStillRunningAsync()
    {
        await Task.Delay(GracefulStopAllowance, CancellationToken.None);
        Environment.Exit(1);
    }

    // The start time guards against the PID having been reused by an unrelated process.
    private static bool IsAlive(int processId, DateTime startedAt)
    {
        using var process = TryOpen(processId);
        return process is not null && !process.HasExited && process.StartTime == startedAt;
    }

    private static Process? TryOpen(int processId)
    {
        try
        {
            return Process.GetProcessById(processId);
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The AppHost (PID {ParentProcessId}) is gone; stopping.")]
    private static partial void LogParentGone(ILogger logger, int parentProcessId);
}

internal static class ParentProcessWatchdogExtensions
{
    public static IServiceCollection AddParentProcessWatchdog(this IServiceCollection services, IConfiguration configuration)
    {
        if (int.TryParse(configuration[ParentProcessWatchdog.ParentPidVariable], out var parentProcessId))
        {
            services.AddHostedService(provider => ActivatorUtilities.CreateInstance<ParentProcessWatchdog>(provider, parentProcessId));
        }

        return services;
    }
}
