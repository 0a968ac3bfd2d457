using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Profiles.AppHost.Hosting.Orchestration;
using Profiles.AppHost.Hosting.Testing;

namespace Profiles.AppHost.Hosting;

/// <summary>Collects the app model, then builds the host that runs it.</summary>
public sealed class DistributedApplicationBuilder
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    private readonly HostApplicationBuilder host;
    private readonly DistributedApplicationOptions options;
    private readonly List<IResource> resources = [];

    internal DistributedApplicationBuilder(DistributedApplicationOptions options)
    {
        this.options = options;
        var args = options.Args.ToArray();
        host = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
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
        PortAllocator.Allocate(projects, settings.RandomPorts);

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

        return new DistributedApplication(host.Build());
    }

    private static string EnvironmentFrom(string[] args) =>
        new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddCommandLine(args)
            .Build()[HostDefaults.EnvironmentKey]
        ?? Environments.Development;
}
