using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Profiles.Fixtures.Otlp;

namespace Profiles.Fixtures;

/// <summary>
/// The real AppHost, started through Aspire.Hosting.Testing on random loopback ports: Redis, two
/// silos, five backends and the gateway, each a process that DCP runs. One class for every suite
/// (whole-system tests, browser tests, the load harness), so each starts the system the same way.
/// </summary>
public sealed class DistributedSystem : IAsyncDisposable
{
    /// <summary>The five backends the gateway calls over gRPC.</summary>
    public static readonly string[] GrpcBackends = ["members", "experience", "network", "skills", "activity"];

    /// <summary>The processes that count their own work at <c>/diagnostics/work</c>: five gRPC backends and the silo.</summary>
    public static readonly string[] Backends = [.. GrpcBackends, "silo"];

    /// <summary>Every resource of the app model, Redis included.</summary>
    public static readonly string[] Resources = ["redis", "gateway", .. Backends];

    /// <summary>The resource Aspire adds for its dashboard, when the system is started with one.</summary>
    public const string DashboardResource = "aspire-dashboard";

    private readonly ResourceInstances _instances;
    private readonly WholeSystemLock _machine;
    private readonly OtlpSink? _telemetrySink;

    private DistributedSystem(DistributedApplication app, WholeSystemLock machine, OtlpSink? telemetrySink, SystemOptions options, string dashboardApiKey, string browserToken)
    {
        _machine = machine;
        _telemetrySink = telemetrySink;
        _instances = new ResourceInstances(app.ResourceNotifications);
        App = app;
        Options = options;
        DashboardApiKey = dashboardApiKey;
        BrowserToken = browserToken;
    }

    public DistributedApplication App { get; }

    public SystemOptions Options { get; }

    /// <summary>The key of the dashboard's telemetry API (<c>x-api-key</c>), chosen by the test.</summary>
    public string DashboardApiKey { get; }

    /// <summary>The dashboard's browser login token (<c>/login?t=</c>), chosen by the test.</summary>
    public string BrowserToken { get; }

    public Uri GatewayUrl => App.GetEndpoint("gateway", "http");

    public Uri DashboardUrl => Options.Dashboard
        ? App.GetEndpoint(DashboardResource, "http")
        : throw new InvalidOperationException("The system was started without its dashboard.");

    /// <summary>
    /// What each service (by its resource's name) has exported over OTLP so far. Only for a system
    /// started without its dashboard: with it, the dashboard receives the telemetry.
    /// </summary>
    public IReadOnlyDictionary<string, ExportedTelemetry> ExportedTelemetry() =>
        _telemetrySink?.Tally.Snapshot() ?? throw new InvalidOperationException("The system runs with its dashboard, which receives its telemetry.");

    /// <summary>
    /// The spans of the traces watched through it, as the processes export them. Only for a system
    /// started without its dashboard, as <see cref="ExportedTelemetry"/>.
    /// </summary>
    public SpanCapture Spans =>
        _telemetrySink?.Spans ?? throw new InvalidOperationException("The system runs with its dashboard, which receives its telemetry.");

    /// <summary>Whether the processes export to the fixture (<see cref="ExportedTelemetry"/>, <see cref="Spans"/>) rather than to the dashboard.</summary>
    public bool ReceivesTelemetry => _telemetrySink is not null;

    /// <summary>
    /// Waits until no other whole system runs on this machine (<see cref="WholeSystemLock"/>), builds
    /// and starts the AppHost, and waits until every resource is healthy.
    /// </summary>
    public static async Task<DistributedSystem> StartAsync(SystemOptions? options, CancellationToken cancellationToken)
    {
        options ??= new SystemOptions();
        var machine = await WholeSystemLock.AcquireAsync();
        var apiKey = RandomNumberGenerator.GetHexString(32, lowercase: true);
        var browserToken = RandomNumberGenerator.GetHexString(32, lowercase: true);
        DistributedApplication? app = null;
        OtlpSink? telemetrySink = null;
        try
        {
            telemetrySink = options.Dashboard ? null : await OtlpSink.StartAsync(cancellationToken);
            // The builder is not disposed: the application it builds owns it.
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
                [
                    $"--Faults:Profile={options.Faults}",
                    $"--Silo:Replicas={options.SiloReplicas}",
                    .. options.FirstRestartDelay is { } restartDelay ? [$"--Restarts:FirstDelay={restartDelay:c}"] : Array.Empty<string>(),
                    $"--AppHost:DashboardApiKey={apiKey}",
                    // Not AppHost:BrowserToken: the builder overwrites that with a token of its own unless this one is set.
                    $"--ASPIRE_DASHBOARD_FRONTEND_BROWSERTOKEN={browserToken}",
                    // The processes' standard output is in the dashboard; a test's output keeps what they wrote to standard error.
                    "--Logging:LogLevel:Default=Warning",
                ],
                (applicationOptions, _) => applicationOptions.DisableDashboard = !options.Dashboard,
                cancellationToken);
            var gateway = builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == "gateway");
            foreach (var (key, value) in options.GatewaySettings)
            {
                gateway.Annotations.Add(new EnvironmentCallbackAnnotation(variables => variables[key.Replace(":", "__", StringComparison.Ordinal)] = value));
            }

            if (options.GatewayUnproxied)
            {
                Unproxy(gateway.Annotations.OfType<EndpointAnnotation>().Single(endpoint => endpoint.Name == "http"));
            }

            if (options.BackendsUnproxied)
            {
                foreach (var endpoint in builder.Resources.OfType<ProjectResource>()
                    .Where(resource => GrpcBackends.Contains(resource.Name))
                    .SelectMany(resource => resource.Annotations.OfType<EndpointAnnotation>()))
                {
                    Unproxy(endpoint);
                }
            }

            if (telemetrySink is not null)
            {
                // After Aspire's own callback, which points the exporter at the dashboard that is not there.
                var endpoint = telemetrySink.Url.GetLeftPart(UriPartial.Authority);
                foreach (var resource in builder.Resources.Where(resource => resource.Annotations.OfType<OtlpExporterAnnotation>().Any()))
                {
                    resource.Annotations.Add(new EnvironmentCallbackAnnotation(variables => variables["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint));
                }
            }

            if (options.TraceSampling is { } ratio)
            {
                // After Aspire's own callback, which sets OTEL_TRACES_SAMPLER to always_on.
                var argument = ratio.ToString(System.Globalization.CultureInfo.InvariantCulture);
                foreach (var resource in builder.Resources.Where(resource => resource.Annotations.OfType<OtlpExporterAnnotation>().Any()))
                {
                    resource.Annotations.Add(new EnvironmentCallbackAnnotation(variables =>
                    {
                        variables["OTEL_TRACES_SAMPLER"] = "parentbased_traceidratio";
                        variables["OTEL_TRACES_SAMPLER_ARG"] = argument;
                    }));
                }
            }

            app = await builder.BuildAsync(cancellationToken);
            await app.StartAsync(cancellationToken);
            foreach (var resource in Resources)
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cancellationToken);
            }

            return new DistributedSystem(app, machine, telemetrySink, options, apiKey, browserToken);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            if (telemetrySink is not null)
            {
                await telemetrySink.DisposeAsync();
            }

            machine.Dispose();
            throw;
        }
    }

    public HttpClient CreateGatewayClient() => App.CreateHttpClient("gateway", "http");

    /// <summary>A client of the dashboard's telemetry API (<c>/api/telemetry/...</c>), sending its API key.</summary>
    public HttpClient CreateTelemetryClient()
    {
        var client = new HttpClient { BaseAddress = DashboardUrl };
        client.DefaultRequestHeaders.Add("x-api-key", DashboardApiKey);
        return client;
    }

    /// <summary>The process of every instance running now, by resource (the silo has one per replica).</summary>
    public IReadOnlyDictionary<string, int[]> ProcessIds() =>
        _instances.Running
            .Select(instance => (instance.Resource, Pid: ProcessIdOf(instance.Snapshot)))
            .Where(instance => instance.Pid is not null)
            .GroupBy(instance => instance.Resource, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(instance => instance.Pid!.Value).ToArray(), StringComparer.Ordinal);

    /// <summary>The running instances of a resource (one per replica), by the names Aspire's console logs go by.</summary>
    public IReadOnlyList<string> InstancesOf(string resource) =>
        [.. _instances.Running.Where(instance => instance.Resource == resource).Select(instance => instance.Instance)];

    /// <summary>What a resource's running instances have written to their consoles so far, as the dashboard's console page shows it.</summary>
    public async Task<IReadOnlyList<string>> ConsoleOfAsync(string resource, CancellationToken cancellationToken)
    {
        var logs = App.Services.GetRequiredService<ResourceLoggerService>();
        var lines = new List<string>();
        foreach (var instance in InstancesOf(resource))
        {
            await foreach (var batch in logs.GetAllAsync(instance).WithCancellation(cancellationToken))
            {
                lines.AddRange(batch.Select(line => line.Content));
            }
        }

        return lines;
    }

    /// <summary>
    /// A backend's own count of its work (<c>/diagnostics/work</c>), by service, summed over its
    /// replicas: each is asked on its own port, not through the endpoint that balances between them.
    /// </summary>
    public async Task<Dictionary<string, WorkCounts>> WorkOfAsync(string resource, CancellationToken cancellationToken)
    {
        using var client = new HttpClient();
        var all = new Dictionary<string, WorkCounts>(StringComparer.Ordinal);
        foreach (var replica in ReplicaUrls(resource))
        {
            var work = await client.GetFromJsonAsync<Dictionary<string, WorkCounts>>(
                new Uri(replica, "/diagnostics/work"), JsonSerializerOptions.Web, cancellationToken) ?? [];
            foreach (var (service, counts) in work)
            {
                all[service] = all.TryGetValue(service, out var sum) ? sum + counts : counts;
            }
        }

        return all;
    }

    /// <summary>Each running replica's own <c>http</c> address, which DCP hands it as its Kestrel endpoint.</summary>
    public IReadOnlyList<Uri> ReplicaUrls(string resource) =>
    [
        .. _instances.Running
            .Where(instance => instance.Resource == resource)
            .Select(instance => KestrelUrlOf(instance.Snapshot))
            .OfType<Uri>(),
    ];

    /// <summary>A variable of the environment the AppHost gave the resource's first running instance, or null.</summary>
    public string? EnvironmentOf(string resource, string variable) =>
        _instances.Running
            .Where(instance => instance.Resource == resource)
            .SelectMany(instance => instance.Snapshot.EnvironmentVariables)
            .FirstOrDefault(candidate => candidate.Name == variable)?.Value;

    /// <summary>Runs one of the resource's commands (on every replica), as the dashboard's button would.</summary>
    public async Task ExecuteCommandAsync(string resource, string command, CancellationToken cancellationToken)
    {
        var model = App.Services.GetRequiredService<DistributedApplicationModel>();
        var result = await App.ResourceCommands.ExecuteCommandAsync(model.Resources.Single(candidate => candidate.Name == resource), command, cancellationToken);
        if (!result.Success)
        {
            throw new InvalidOperationException($"'{command}' on '{resource}' failed: {result.Message}");
        }
    }

    /// <summary>The process of each running instance of a resource, by instance name (a replica's own name).</summary>
    public IReadOnlyDictionary<string, int> InstanceProcessIds(string resource) =>
        _instances.Running
            .Where(instance => instance.Resource == resource)
            .Select(instance => (instance.Instance, Pid: ProcessIdOf(instance.Snapshot)))
            .Where(instance => instance.Pid is not null)
            .ToDictionary(instance => instance.Instance, instance => instance.Pid!.Value, StringComparer.Ordinal);

    /// <summary>The state Aspire last reported for one instance (<c>Running</c>, <c>Exited</c>, …).</summary>
    public string? StateOf(string instance) => _instances.StateOf(instance);

    /// <summary>Runs one of Aspire's commands on one instance, a replica by its own name, as the dashboard's button on its row would.</summary>
    public async Task ExecuteInstanceCommandAsync(string instance, string command, CancellationToken cancellationToken)
    {
        var result = await App.ResourceCommands.ExecuteCommandAsync(instance, command, cancellationToken);
        if (!result.Success)
        {
            throw new InvalidOperationException($"'{command}' on '{instance}' failed: {result.Message}");
        }
    }

    /// <summary>
    /// Waits until an instance runs as a process other than <paramref name="processIdBefore"/> and
    /// is healthy: its own <c>/health</c> answers, or, for a resource without one (Redis), Aspire's check passes.
    /// </summary>
    public async Task WaitUntilReplacedAsync(string instance, int processIdBefore, CancellationToken cancellationToken)
    {
        using var client = new HttpClient();
        while (!await IsNewAndHealthyAsync(instance, processIdBefore, client, cancellationToken))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    public Task StopResourceAsync(string resource, CancellationToken cancellationToken) =>
        ExecuteCommandAsync(resource, KnownResourceCommands.StopCommand, cancellationToken);

    /// <summary>Starts a stopped resource and waits until it is healthy again.</summary>
    public async Task StartResourceAsync(string resource, CancellationToken cancellationToken)
    {
        await ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand, cancellationToken);
        await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cancellationToken);
    }

    /// <summary>
    /// Restarts a service one instance at a time, as a rolling upgrade would (the others keep serving),
    /// and waits after each until it is a new process that answers its own <c>/health</c>. Aspire's
    /// health would not prove it: the last snapshot can still be the healthy one from before, and a
    /// replicated resource is checked through the proxy in front of its replicas, which any healthy
    /// replica satisfies.
    /// </summary>
    public async Task RestartResourceAsync(string resource, CancellationToken cancellationToken)
    {
        var instances = _instances.Running
            .Where(instance => instance.Resource == resource)
            .Select(instance => (instance.Instance, ProcessId: ProcessIdOf(instance.Snapshot)))
            .ToList();
        if (instances.Count == 0)
        {
            throw new InvalidOperationException($"'{resource}' is not running.");
        }

        using var client = new HttpClient();
        foreach (var (instance, processId) in instances)
        {
            var result = await App.ResourceCommands.ExecuteCommandAsync(instance, KnownResourceCommands.RestartCommand, cancellationToken);
            if (!result.Success)
            {
                throw new InvalidOperationException($"Restarting '{instance}' failed: {result.Message}");
            }

            while (!await IsNewAndHealthyAsync(instance, processId, client, cancellationToken))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _instances.DisposeAsync();
        await App.DisposeAsync();
        if (_telemetrySink is not null)
        {
            await _telemetrySink.DisposeAsync();
        }

        _machine.Dispose();
    }

    private async Task<bool> IsNewAndHealthyAsync(string instance, int? processIdBefore, HttpClient client, CancellationToken cancellationToken)
    {
        var running = _instances.Running.Where(candidate => candidate.Instance == instance).Select(candidate => candidate.Snapshot).FirstOrDefault();
        if (running is null || ProcessIdOf(running) is not { } processId || processId == processIdBefore)
        {
            return false;
        }

        if (KestrelUrlOf(running) is not { } url)
        {
            return running.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy;
        }

        try
        {
            using var response = await client.GetAsync(new Uri(url, "/health"), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            // Not listening yet.
            return false;
        }
    }

    private static Uri? KestrelUrlOf(CustomResourceSnapshot snapshot) =>
        snapshot.EnvironmentVariables.FirstOrDefault(variable => variable.Name == "Kestrel__Endpoints__http__Url")?.Value is { } url
            ? new Uri(url)
            : null;

    private static int? ProcessIdOf(CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(property => property.Name == "executable.pid")?.Value is { } pid
        && int.TryParse(pid.ToString(), global::System.Globalization.CultureInfo.InvariantCulture, out var processId)
            ? processId
            : null;

    /// <summary>A port free on loopback now; a process started soon after binds it (unproxied endpoints need a port given).</summary>
    /// <summary>The endpoint's process listens on a free loopback port of its own, which its callers are given, rather than behind DCP's proxy.</summary>
    private static void Unproxy(EndpointAnnotation endpoint)
    {
        endpoint.IsProxied = false;
        endpoint.Port = FreeLoopbackPort();
        endpoint.TargetPort = endpoint.Port;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
