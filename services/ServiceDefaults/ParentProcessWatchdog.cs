using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Ends this process when the process that started it is gone. DCP starts every project as
/// <c>dotnet run --no-build</c>, and the service is that command's child; when DCP stops or kills
/// <c>dotnet run</c>, the service is re-parented and nothing signals it, so it would outlive the
/// AppHost (<c>tests/AppHost.Tests/ShutdownTests</c> shows it). A parent's exit is seen as a
/// change of <c>getppid()</c>: no process id is kept, so none can be mistaken after reuse.
/// </summary>
internal sealed partial class ParentProcessWatchdog(IHostApplicationLifetime lifetime, ILogger<ParentProcessWatchdog> logger)
    : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan GracefulStopAllowance = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var parent = GetParentProcessId();
        using var timer = new PeriodicTimer(PollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (GetParentProcessId() != parent)
            {
                LogParentGone(logger, parent);
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

    [DllImport("libc", EntryPoint = "getppid")]
    private static extern int GetParentProcessId();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The process that started this one (PID {ParentProcessId}) is gone; stopping.")]
    private static partial void LogParentGone(ILogger logger, int parentProcessId);
}

internal static class ParentProcessWatchdogExtensions
{
    /// <summary>On Linux, where a started process that outlives its parent is re-parented rather than ended.</summary>
    public static IServiceCollection AddParentProcessWatchdog(this IServiceCollection services)
    {
        if (OperatingSystem.IsLinux())
        {
            services.AddHostedService<ParentProcessWatchdog>();
        }

        return services;
    }
}
