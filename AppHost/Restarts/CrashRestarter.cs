using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aspire.Hosting;

/// <summary>
/// The restart policy of <see cref="RestartOnCrashExtensions.WithRestartOnCrash{T}"/>. Written here
/// because Aspire (13.6) has none for processes: DCP starts a project or an executable once and
/// reports how it ended, and only a container engine restarts what crashed. This watches Aspire's
/// own resource notifications and answers a crash with Aspire's own start command, so the
/// dashboard shows the instance as a person would see it after pressing Start.
/// </summary>
internal sealed partial class CrashRestarter(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    ResourceLoggerService resourceLogs,
    IHostApplicationLifetime lifetime,
    IOptions<RestartOptions> options,
    TimeProvider time,
    ILogger<CrashRestarter> logger) : BackgroundService
{
    // Only the watch loop reads and writes these, one notification at a time.
    private readonly Dictionary<string, InstanceHistory> _instances = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        try
        {
            await foreach (var update in notifications.WatchAsync(stopping.Token))
            {
                if (update.Resource.HasAnnotationOfType<RestartOnCrashAnnotation>())
                {
                    Observe(update.ResourceId, update.Snapshot, stopping.Token);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The AppHost is stopping, and its processes with it.
        }
    }

    private void Observe(string instance, CustomResourceSnapshot snapshot, CancellationToken stopping)
    {
        if (!_instances.TryGetValue(instance, out var history))
        {
            _instances[instance] = history = new InstanceHistory();
        }

        var state = snapshot.State?.Text;
        var crashed = state == KnownResourceStates.Finished
            && snapshot.ExitCode is { } exitCode && exitCode != 0
            // A stop from the dashboard passes through Stopping and, for a .NET service, ends with 0 (seen:
            // Stopping, then Finished with 0); a crash goes from Running straight to Finished, 137 after kill -9.
            && history.LastState != KnownResourceStates.Stopping
            && history.Restart.IsCompleted;
        if (crashed && state != history.LastState)
        {
            var ranFor = snapshot.StopTimeStamp - snapshot.StartTimeStamp;
            history.CrashesInARow = ranFor >= options.Value.StableAfter ? 1 : history.CrashesInARow + 1;
            history.Restart = RestartAsync(instance, snapshot.ExitCode!.Value, options.Value.DelayAfter(history.CrashesInARow), stopping);
        }

        history.LastState = state;
    }

    private async Task RestartAsync(string instance, int exitCode, TimeSpan delay, CancellationToken stopping)
    {
        var resourceLog = resourceLogs.GetLogger(instance);
        LogCrashed(logger, instance, exitCode, delay.TotalSeconds);
        LogCrashed(resourceLog, instance, exitCode, delay.TotalSeconds);
        try
        {
            await Task.Delay(delay, time, stopping);
            // Started or stopped by a person in the meantime: theirs is the last word.
            if (!notifications.TryGetCurrentState(instance, out var current) || current.Snapshot.State?.Text != KnownResourceStates.Finished)
            {
                return;
            }

            var result = await commands.ExecuteCommandAsync(instance, KnownResourceCommands.StartCommand, stopping);
            if (!result.Success)
            {
                LogStartFailed(logger, instance, result.Message);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The AppHost is stopping: nothing is started again.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Instance} crashed (exit code {ExitCode}); starting it again in {DelaySeconds} s")]
    private static partial void LogCrashed(ILogger logger, string instance, int exitCode, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Starting {Instance} again after its crash failed: {Reason}")]
    private static partial void LogStartFailed(ILogger logger, string instance, string? reason);

    private sealed class InstanceHistory
    {
        public string? LastState { get; set; }

        public int CrashesInARow { get; set; }

        public Task Restart { get; set; } = Task.CompletedTask;
    }
}
