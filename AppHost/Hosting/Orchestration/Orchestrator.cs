using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Profiles.AppHost.Dashboard;

namespace Profiles.AppHost.Hosting.Orchestration;

/// <summary>
/// The hosted service that runs the app model: starts each resource once those it waits for are
/// healthy, supervises every replica, and stops them all when the AppHost stops.
/// </summary>
internal sealed class Orchestrator : IHostedService, IDisposable
{
    private readonly IReadOnlyList<ProjectResource> projects;
    private readonly Dictionary<string, ReplicaSupervisor[]> supervisors;
    private readonly ResourceNotificationService notifications;
    private readonly ConsolePrinter printer;
    private readonly DashboardAccess dashboard;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly CancellationTokenRegistration stopOnApplicationStopping;
    private Task startup = Task.CompletedTask;

    public Orchestrator(
        IReadOnlyList<ProjectResource> projects,
        IServiceProvider services,
        ResourceNotificationService notifications,
        ConsolePrinter printer,
        DashboardAccess dashboard,
        IHostApplicationLifetime lifetime,
        ILoggerFactory loggerFactory)
    {
        this.projects = projects;
        this.notifications = notifications;
        this.printer = printer;
        this.dashboard = dashboard;
        logger = loggerFactory.CreateLogger("Profiles.AppHost");
        supervisors = projects.ToDictionary(
            project => project.Name,
            project => Enumerable.Range(0, project.Replicas)
                .Select(replica => ActivatorUtilities.CreateInstance<ReplicaSupervisor>(services, project, replica))
                .ToArray(),
            StringComparer.OrdinalIgnoreCase);

        // Ctrl+C reaches the children too (same process group): from then on an exit is no crash.
        stopOnApplicationStopping = lifetime.ApplicationStopping.Register(stopping.Cancel);
    }

    private IEnumerable<ReplicaSupervisor> AllSupervisors => supervisors.Values.SelectMany(replicas => replicas);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        startup = Task.WhenAll(projects
            .Select(project => StartWhenReadyAsync(project, stopping.Token))
            .Append(PrintSummaryWhenHealthyAsync(stopping.Token)));
        return Task.CompletedTask;
    }

    /// <summary>Stops every replica: SIGTERM, then a kill past the grace period. Safe to call more than once.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        await Task.WhenAll(AllSupervisors.Select(supervisor => supervisor.StopAsync()));
        await startup.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public ProjectResource GetResource(string name) =>
        projects.SingleOrDefault(project => string.Equals(project.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"There is no resource named '{name}'.", nameof(name));

    public Task StartResourceAsync(string name, CancellationToken cancellationToken) =>
        Task.WhenAll(SupervisorsOf(name).Select(supervisor => supervisor.StartAsync(stopping.Token))).WaitAsync(cancellationToken);

    public Task StopResourceAsync(string name, CancellationToken cancellationToken) =>
        Task.WhenAll(SupervisorsOf(name).Select(supervisor => supervisor.StopAsync())).WaitAsync(cancellationToken);

    public Task RestartResourceAsync(string name, CancellationToken cancellationToken) =>
        Task.WhenAll(SupervisorsOf(name).Select(supervisor => supervisor.RestartAsync(stopping.Token))).WaitAsync(cancellationToken);

    public IReadOnlyList<int> GetProcessIds() =>
        [.. AllSupervisors.Select(supervisor => supervisor.ProcessId).OfType<int>()];

    public void Dispose()
    {
        stopOnApplicationStopping.Dispose();
        foreach (var supervisor in AllSupervisors)
        {
            supervisor.Dispose();
        }

        stopping.Dispose();
    }

    private ReplicaSupervisor[] SupervisorsOf(string name) => supervisors[GetResource(name).Name];

    private async Task StartWhenReadyAsync(ProjectResource project, CancellationToken cancellationToken)
    {
        if (project.WaitsFor.Count > 0)
        {
            OrchestratorLog.Waiting(logger, project.Name, project.WaitsFor);
            await Task.WhenAll(project.WaitsFor.Select(dependency => notifications.WaitForResourceHealthyAsync(dependency.Name, cancellationToken)));
        }

        await Task.WhenAll(supervisors[project.Name].Select(supervisor => supervisor.StartAsync(cancellationToken)));
    }

    private async Task PrintSummaryWhenHealthyAsync(CancellationToken cancellationToken)
    {
        await notifications.WaitForAllHealthyAsync(cancellationToken);
        StartupSummary.Print(printer, projects, dashboard);
    }
}
