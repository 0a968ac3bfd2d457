using System.Collections.Concurrent;
namespace Profiles.Fixtures.Otlp;

/// <summary>What each service has exported so far, by its <c>service.name</c> (Aspire gives each resource its own name).</summary>
public sealed class TelemetryTally
{
    private const string ServiceNameKey = "service.name";
    private const string Unnamed = "(no service.name)";

    private readonly ConcurrentDictionary<string, ExportedTelemetry> _byService = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, ExportedTelemetry> Snapshot() => new Dictionary<string, ExportedTelemetry>(_byService, StringComparer.Ordinal);

    internal void Add(Resource? resource, ExportedTelemetry exported) =>
        _byService.AddOrUpdate(ServiceName(resource), exported, (_, sum) => sum + exported);

    internal static string ServiceName(Resource? resource) =>
        resource?.Attributes.FirstOrDefault(attribute => attribute.Key == ServiceNameKey)?.Value?.StringValue ?? Unnamed;
}
