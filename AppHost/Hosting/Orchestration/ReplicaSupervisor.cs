using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Profiles.AppHost.Hosting.Orchestration;

/// <summary>
/// Runs one replica of a project: launches its process, streams its console, probes its health,
/// restarts it with back-off when it exits unbidden, and stops it on demand.
/// </summary>
internal sealed class ReplicaSupervisor : IDisposable
{
    private static readonly TimeSpan StartingProbeInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan RunningProbeInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(5);

    // A URL setting inherited from whoever started the AppHost would compete with the assigned endpoints.
    private static readonly string[] InheritedUrlVariables =
        ["ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_HTTP_PORTS", "DOTNET_HTTPS_PORTS"];

    private readonly ProjectResource project;
    private readonly int replica;
    private readonly AppHostSettings settings;
    private readonly IHostEnvironment environment;
    private readonly HealthProbe probe;
    private readonly ResourceNotificationService notifications;
    private readonly ConsoleLogStore logs;
    private readonly ConsolePrinter printer;
    private readonly ILogger logger;

    private readonly SemaphoreSlim transitions = new(1, 1);
    private readonly Lock snapshotGate = new();
    private ReplicaSnapshot snapshot;
    private CancellationTokenSource? runCancellation;
    private Task supervision = Task.CompletedTask;

    public ReplicaSupervisor(
        ProjectResource project,
        int replica,
        AppHostSettings settings,
        IHostEnvironment environment,
        HealthProbe probe,
        ResourceNotificationService notifications,
        ConsoleLogStore logs,
        ConsolePrinter printer,
        ILoggerFactory loggerFactory)
    {
        this.project = project;
        this.replica = replica;
        this.settings = settings;
        this.environment = environment;
        this.probe = probe;
        this.notifications = notifications;
        this.logs = logs;
        this.printer = printer;
        logger = loggerFactory.CreateLogger("Profiles.AppHost");
        snapshot = new ReplicaSnapshot(
            project.Name, replica, ConsolePrinter.DisplayName(project, replica), ResourceState.Waiting,
            ProcessId: null, StartedAt: null, RestartCount: 0, ExitCode: null, project.GetEndpoints(replica));
        notifications.Publish(snapshot);
    }

    private string DisplayName => snapshot.DisplayName;

    /// <summary>The running process's id; null while none runs.</summary>
    public int? ProcessId => snapshot.State is ResourceState.Starting or ResourceState.Running or ResourceState.Unhealthy or ResourceState.FailedToStart
        ? snapshot.ProcessId
        : null;

    /// <summary>Starts supervising unless it already is, or <paramref name="applicationStopping"/> is cancelled.</summary>
    public async Task StartAsync(CancellationToken applicationStopping)
    {
        await transitions.WaitAsync(CancellationToken.None);
        try
        {
            StartCore(applicationStopping);
        }
        finally
        {
            transitions.Release();
        }
    }

    /// <summary>Stops the process (gracefully first) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        await transitions.WaitAsync(CancellationToken.None);
        try
        {
            await StopCoreAsync();
        }
        finally
        {
            transitions.Release();
        }
    }

    public async Task RestartAsync(CancellationToken applicationStopping)
    {
        await transitions.WaitAsync(CancellationToken.None);
        try
        {
            await StopCoreAsync();
            Publish(current => current with { RestartCount = current.RestartCount + 1 });
            StartCore(applicationStopping);
        }
        finally
        {
            transitions.Release();
        }
    }

    public void Dispose()
    {
        runCancellation?.Dispose();
        transitions.Dispose();
    }

    private void StartCore(CancellationToken applicationStopping)
    {
        if (!supervision.IsCompleted || applicationStopping.IsCancellationRequested)
        {
            return;
        }

        runCancellation?.Dispose();
        runCancellation = CancellationTokenSource.CreateLinkedTokenSource(applicationStopping);
        var stopping = runCancellation.Token;
        supervision = Task.Run(() => SuperviseAsync(stopping), CancellationToken.None);
    }

    private async Task StopCoreAsync()
    {
        if (runCancellation is not null)
        {
            await runCancellation.CancelAsync();
        }

        await supervision;
    }

    private async Task SuperviseAsync(CancellationToken stopping)
    {
        var backoff = new RestartBackoff();
        while (true)
        {
            var run = await RunOnceAsync(stopping);
            if (stopping.IsCancellationRequested)
            {
                Publish(current => current with { State = ResourceState.Exited, ExitCode = run.ExitCode });
                OrchestratorLog.Stopped(logger, DisplayName, run.ExitCode);
                return;
            }

            var delay = backoff.NextDelay(run.HealthyFor);
            Publish(current => current with
            {
                State = ResourceState.Restarting,
                ExitCode = run.ExitCode,
                RestartCount = current.RestartCount + 1,
            });
            OrchestratorLog.Crashed(logger, DisplayName, run.ExitCode, delay);

            try
            {
                await Task.Delay(delay, stopping);
            }
            catch (OperationCanceledException)
            {
                Publish(current => current with { State = ResourceState.Exited });
                return;
            }
        }
    }

    private async Task<CompletedRun> RunOnceAsync(CancellationToken stopping)
    {
        Publish(current => current with { State = ResourceState.Starting, ProcessId = null, ExitCode = null });
        Process process;
        try
        {
            process = Launch();
        }
        catch (Exception exception) when (exception is Win32Exception or InvalidOperationException)
        {
            OrchestratorLog.LaunchFailed(logger, exception, DisplayName);
            Publish(current => current with { State = ResourceState.FailedToStart });
            return new CompletedRun(ExitCode: null, HealthyFor: TimeSpan.Zero);
        }

        using (process)
        {
            var startedAt = DateTimeOffset.Now;
            Publish(current => current with { ProcessId = process.Id, StartedAt = startedAt });
            OrchestratorLog.Started(logger, DisplayName, process.Id);

            using var monitoring = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            var health = MonitorHealthAsync(startedAt, monitoring.Token);
            try
            {
                await process.WaitForExitAsync(stopping);
            }
            catch (OperationCanceledException)
            {
                await ProcessTermination.StopAsync(process, GracePeriod);
            }

            await monitoring.CancelAsync();
            return new CompletedRun(process.ExitCode, await health);
        }
    }

    private Process Launch()
    {
        var startInfo = new ProcessStartInfo(ProjectOutput.DotNetHost)
        {
            ArgumentList = { ProjectOutput.AssemblyPath(project) },
            // The project's directory is its content root: appsettings*.json resolve from there.
            WorkingDirectory = Path.GetDirectoryName(project.ProjectPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in InheritedUrlVariables)
        {
            startInfo.Environment.Remove(name);
        }

        foreach (var (name, value) in ReplicaEnvironment.For(project, replica, settings, environment))
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, line) => OnConsoleLine(line.Data, isError: false);
        process.ErrorDataReceived += (_, line) => OnConsoleLine(line.Data, isError: true);
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            throw;
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void OnConsoleLine(string? text, bool isError)
    {
        if (text is null)
        {
            return;
        }

        logs.Add(project.Name, replica, new ConsoleLogLine(DateTimeOffset.Now, text, isError));
        printer.Print(project, replica, text, isError);
    }

    /// <summary>Probes until cancelled; returns how long the process had been healthy by then.</summary>
    private async Task<TimeSpan> MonitorHealthAsync(DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var endpoint = project.GetEndpoint(ProjectResource.HttpEndpointName, replica);
        DateTimeOffset? healthySince = null;
        using var timer = new PeriodicTimer(StartingProbeInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var healthy = await probe.IsHealthyAsync(endpoint, cancellationToken);
                if (healthy && healthySince is null)
                {
                    healthySince = DateTimeOffset.Now;
                    timer.Period = RunningProbeInterval;
                    Publish(current => current with { State = ResourceState.Running });
                    OrchestratorLog.Healthy(logger, DisplayName);
                }
                else if (!healthy && healthySince is not null)
                {
                    healthySince = null;
                    Publish(current => current with { State = ResourceState.Unhealthy });
                    OrchestratorLog.Unhealthy(logger, DisplayName);
                }
                else if (!healthy && snapshot.State == ResourceState.Starting && DateTimeOffset.Now - startedAt > settings.StartTimeout)
                {
                    Publish(current => current with { State = ResourceState.FailedToStart });
                    OrchestratorLog.NotHealthyInTime(logger, DisplayName, settings.StartTimeout);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return healthySince is { } since ? DateTimeOffset.Now - since : TimeSpan.Zero;
    }

    private void Publish(Func<ReplicaSnapshot, ReplicaSnapshot> change)
    {
        lock (snapshotGate)
        {
            snapshot = change(snapshot);
            notifications.Publish(snapshot);
        }
    }

    private sealed record CompletedRun(int? ExitCode, TimeSpan HealthyFor);
}
