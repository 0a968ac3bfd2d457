using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Profiles.AppHost.Dashboard;
using Profiles.AppHost.Hosting.Orchestration;
using Profiles.AppHost.Hosting.Testing;

namespace Profiles.AppHost.Hosting;

/// <summary>Collects the app model, then builds the host that runs it and serves the dashboard.</summary>
public sealed class DistributedApplicationBuilder
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    private readonly WebApplicationBuilder host;
    private readonly DistributedApplicationOptions options;
    private readonly List<IResource> resources = [];
    private DashboardAccess? dashboard;

    internal DistributedApplicationBuilder(DistributedApplicationOptions options)
    {
        this.options = options;
        var args = options.Args.ToArray();
        host = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // The AppHost's, not a test's, whose entry point may be the one running: the dashboard's
            // pages and static assets are found by this name.
            ApplicationName = typeof(DistributedApplicationBuilder).Assembly.GetName().Name,
            // appsettings.json is copied next to the AppHost, wherever `dotnet run` was called from.
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = options.EnvironmentName ?? EnvironmentFrom(args),
        });
        host.Configuration.AddInMemoryCollection(options.Settings);
        host.Logging.ClearProviders().AddSimpleConsole(console => console.SingleLine = true);
    }

    public ConfigurationManager Configuration => host.Configuration;

    public IHostEnvironment Environment => host.Environment;

    public IServiceCollection Services => host.Services;

    public IReadOnlyList<IResource> Resources => resources;

    /// <summary>
    /// Where the dashboard listens and how to get in; known once <see cref="Build"/> has given it
    /// its ports, so read it from a callback, e.g. <c>WithEnvironment(name, () => ...)</c>.
    /// </summary>
    public DashboardAccess Dashboard =>
        dashboard ?? throw new InvalidOperationException("The dashboard's address is known once the application is built.");

    public IResourceBuilder<ProjectResource> AddProject<TProject>(string name) where TProject : IProjectMetadata, new() =>
        AddProject(name, new TProject().ProjectPath);

    /// <summary>Adds a project by the path of its .csproj; it runs from its build output, never built here.</summary>
    public IResourceBuilder<ProjectResource> AddProject(string name, string projectPath) =>
        AddResource(new ProjectResource(name, Path.GetFullPath(projectPath)));

    public IResourceBuilder<T> AddResource<T>(T resource) where T : IResource
    {
        if (resources.Any(existing => string.Equals(existing.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' already exists.");
        }

        resources.Add(resource);
        return new ResourceBuilder<T>(resource, this);
    }

    /// <summary>
    /// Builds the application. Under <see cref="DistributedApplicationTestingBuilder"/> the test
    /// takes the application from here and the entry point ends with a HostAbortedException.
    /// </summary>
    public DistributedApplication Build() =>
        EntryPointInterception.Current is { } interception ? interception.Intercept(this, BuildCore) : BuildCore();

    private DistributedApplication BuildCore()
    {
        var settings = AppHostSettings.From(host.Configuration, host.Environment);
        var projects = resources.OfType<ProjectResource>().ToList();
        ProjectOutput.EnsureBuilt(projects);
        var dashboardSettings = host.Configuration.GetDashboardSettings();
        var dashboardPorts = PortAllocator.Allocate(projects, DashboardEndpoints(dashboardSettings), settings.RandomPorts);
        dashboard = DashboardAccess.Create(dashboardSettings, dashboardPorts[0].Port, dashboardPorts[1].Port, dashboardPorts[2].Port);
        // Children export to the dashboard unless Dashboard:OtlpEndpoint names another collector.
        settings = settings.OtlpEndpoint is null ? settings with { OtlpEndpoint = dashboard.OtlpGrpcUrl, OtlpApiKey = dashboard.OtlpApiKey } : settings;
        host.WebHost.ConfigureKestrel(kestrel => Listen(kestrel, dashboardPorts));
        host.Services.AddDashboard(host.Configuration, dashboard);

        host.Services.Configure<HostOptions>(hostOptions => hostOptions.ShutdownTimeout = ShutdownTimeout);
        host.Services.AddSingleton(settings);
        host.Services.AddSingleton<IReadOnlyList<ProjectResource>>(projects);
        host.Services.AddSingleton(new ConsolePrinter(options.ConsoleOutput, projects));
        host.Services.AddSingleton<ConsoleLogStore>();
        host.Services.AddSingleton<IConsoleLogs>(provider => provider.GetRequiredService<ConsoleLogStore>());
        host.Services.AddSingleton<ResourceNotificationService>();
        host.Services.AddSingleton<HealthProbe>();
        host.Services.AddSingleton<Orchestrator>();
        host.Services.AddHostedService(provider => provider.GetRequiredService<Orchestrator>());

        var application = host.Build();
        application.MapDashboard();
        return new DistributedApplication(application);
    }

    /// <summary>The dashboard's three endpoints, in the order <see cref="Listen"/> and <see cref="DashboardAccess.Create"/> take them.</summary>
    private static EndpointAnnotation[] DashboardEndpoints(DashboardSettings settings) =>
    [
        new("dashboard", EndpointKind.Http) { Port = settings.Port },
        new("otlp-grpc", EndpointKind.Grpc) { Port = settings.OtlpGrpcPort },
        new("otlp-http", EndpointKind.Http) { Port = settings.OtlpHttpPort },
    ];

    private static void Listen(KestrelServerOptions kestrel, IReadOnlyList<AllocatedEndpoint> endpoints)
    {
        foreach (var endpoint in endpoints)
        {
            // Loopback only: the dashboard shows every process's telemetry to whoever reaches it.
            kestrel.Listen(IPAddress.Loopback, endpoint.Port, listen =>
                listen.Protocols = endpoint.Kind == EndpointKind.Grpc ? HttpProtocols.Http2 : HttpProtocols.Http1AndHttp2);
        }
    }

    private static string EnvironmentFrom(string[] args) =>
        new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddCommandLine(args)
            .Build()[HostDefaults.EnvironmentKey]
        ?? Environments.Development;
}
