using System.Globalization;
using Microsoft.Extensions.Hosting;
using Profiles.AppHost.Dashboard;

namespace Profiles.AppHost.Hosting.Orchestration;

/// <summary>The configuration a replica receives through its environment, in the forms Aspire uses.</summary>
internal static class ReplicaEnvironment
{
    public static Dictionary<string, string> For(ProjectResource project, int replica, AppHostSettings settings, IHostEnvironment environment)
    {
        var variables = new Dictionary<string, string>
        {
            ["APPHOST_PARENT_PID"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            ["DOTNET_ENVIRONMENT"] = environment.EnvironmentName,
            ["ASPNETCORE_ENVIRONMENT"] = environment.EnvironmentName,
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            ["Faults__Profile"] = settings.FaultProfile,
            ["Faults__AllowRequestOverrides"] = settings.AllowFaultOverrides ? "true" : "false",
            ["OTEL_SERVICE_NAME"] = project.Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={project.Name}-{replica}",
        };

        if (settings.OtlpEndpoint is { } otlpEndpoint)
        {
            variables["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint.ToString().TrimEnd('/');
            variables["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc";
            if (settings.OtlpApiKey is { } apiKey)
            {
                variables["OTEL_EXPORTER_OTLP_HEADERS"] = $"{DashboardAccess.OtlpApiKeyHeader}={apiKey}";
            }

            // A demo is watched live: export every second rather than the default five to sixty.
            variables["OTEL_BLRP_SCHEDULE_DELAY"] = "1000";
            variables["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
            variables["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
            variables["OTEL_METRICS_EXEMPLAR_FILTER"] = "trace_based";
        }

        foreach (var endpoint in project.GetEndpoints(replica).Where(endpoint => endpoint.Kind != EndpointKind.Tcp))
        {
            variables[$"Kestrel__Endpoints__{endpoint.Name}__Url"] = endpoint.Url.ToString().TrimEnd('/');
            variables[$"Kestrel__Endpoints__{endpoint.Name}__Protocols"] = endpoint.Kind == EndpointKind.Grpc ? "Http2" : "Http1";
        }

        var context = new EnvironmentCallbackContext(project, replica, variables);
        foreach (var callback in project.EnvironmentCallbacks)
        {
            callback(context);
        }

        return variables;
    }
}
