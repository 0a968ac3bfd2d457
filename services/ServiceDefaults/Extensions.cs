using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Profiles.Resilience;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The defaults every process of the system starts with, shaped after .NET Aspire's ServiceDefaults
/// project so that the services would run unchanged under Aspire.
/// </summary>
public static class Extensions
{
    private const string HealthEndpointPath = "/health";
    private const string AlivenessEndpointPath = "/alive";

    /// <summary>Activity sources and meters of this system, exported by every process that has them.</summary>
    public static readonly string[] ProfileSources = ["Profiles.Gateway", "Profiles.Backend", AttemptBudgetTelemetry.MeterName];

    private static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        // The console is a pipe the AppHost reads; when it reads slower than a burst of errors is
        // logged, the console logger's bounded queue fills, and by default every log call then
        // waits, stalling the requests that log. The console is a convenience copy: the
        // dashboard gets every log over OTLP. Dropping console lines never stalls a request.
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.QueueFullMode = ConsoleLoggerQueueFullMode.DropWrite);
        // Ctrl+C of the AppHost stops every process at once, silos and their clients together, so a
        // graceful Orleans stop waits on peers that are going too. Nothing here holds work worth
        // more than a few seconds (a request's budget is 10 s at most): stop within 3 s, so the
        // whole system is gone well inside the 10 s the lifecycle tests allow.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(3));
        builder.AddDefaultHealthChecks();
        builder.Services.AddParentProcessWatchdog();

        builder.Services.AddHedgingAtDebug();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(ProfileSources)
                .AddMeter("Microsoft.Orleans"))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(ProfileSources)
                .AddSource(OrleansSources)
                .AddAspNetCoreInstrumentation(aspNetCore =>
                    // Health probes arrive every second from the AppHost; tracing them buries the requests.
                    aspNetCore.Filter = context =>
                        !context.Request.Path.StartsWithSegments(HealthEndpointPath)
                        && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath))
                // A gRPC call's span says all its HTTP/2 request's span would: one span per call, not two.
                .AddGrpcClientInstrumentation(grpc => grpc.SuppressDownstreamInstrumentation = true)
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
            builder.Services.AddHostedService<TelemetryShutdown>();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);

        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (every check must pass: ready for traffic) and <c>/alive</c> (only the
    /// liveness checks). Unlike Aspire's template they are mapped in every environment, because the
    /// AppHost waits on them before it starts a resource's dependants.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthEndpointPath);
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("live"),
        });

        return app;
    }
}
