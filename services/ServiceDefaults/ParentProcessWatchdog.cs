using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Ends this process when the AppHost, or the process that started this one, is gone.
/// <list type="bullet">
/// <item>DCP starts every project as <c>dotnet run --no-build</c>, and the service is that command's
/// child. When DCP ends <c>dotnet run</c>, the service is re-parented and nothing signals it. A
/// parent's exit shows as a change of <c>getppid()</c>, so no process id has to be trusted.</item>
/// <item>DCP ends <c>dotnet run</c> only after a grace period once the AppHost is gone (SIGTERM,
/// SIGKILL), so each service also watches the AppHost itself, named by <c>APPHOST_PID</c>.</item>
/// </list>
/// <c>tests/AppHost.Tests/ShutdownTests</c> shows what either alone leaves behind.
/// </summary>
internal sealed partial class ParentProcessWatchdog(
    IConfiguration configuration, IHostApplicationLifetime lifetime, ILogger<ParentProcessWatchdog> logger) : BackgroundService
{
    public const string AppHostProcessIdVariable = "APPHOST_PID";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    // Once the AppHost is gone nobody waits for this process's work: a graceful stop gets 2 s, no more.
    private static readonly TimeSpan GracefulStopAllowance = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var parent = GetParentProcessId();
        using var appHost = int.TryParse(configuration[AppHostProcessIdVariable], out var appHostId) ? TryOpen(appHostId) : null;
        using var timer = new PeriodicTimer(PollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var gone = GetParentProcessId() != parent ? parent : appHost is { HasExited: true } ? appHost.Id : (int?)null;
            if (gone is { } processId)
            {
                LogGone(logger, processId);
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

    // Opened once, at start: a handle to the process itself, which a later reuse of its id cannot fool.
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
    }

    [DllImport("libc", EntryPoint = "getppid")]
    private static extern int GetParentProcessId();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Process {ProcessId}, the AppHost or this process's parent, is gone; stopping.")]
    private static partial void LogGone(ILogger logger, int processId);
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
