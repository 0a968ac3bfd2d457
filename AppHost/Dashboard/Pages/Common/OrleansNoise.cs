using Profiles.AppHost.Dashboard.Telemetry;

namespace Profiles.AppHost.Dashboard.Pages.Common;

/// <summary>
/// Orleans' own housekeeping: membership probes and table reads, gossip, the grain directory, the
/// cluster manifest, load publishing. A silo emits it every few seconds whether or not anyone asks
/// for a profile, and it buries the requests people come to look at, so the pages hide it unless
/// asked. Matched on log categories and span names, which carry the Orleans type or interface.
/// </summary>
public static class OrleansNoise
{
    private static readonly string[] Markers =
    [
        "Membership",
        "SiloStatus",
        "ClusterManifest",
        "Gossip",
        "GrainDirectory",
        "DirectoryPartition",
        "DeploymentLoad",
        "ManagementGrain",
        "ISiloControl",
        "ClusterHealth",
        "Orleans.Runtime.Messaging",
        "Orleans.Runtime.Catalog",
        "Orleans.Runtime.ActivationCollector",
        "Orleans.Runtime.Placement",
        "Orleans.Runtime.Watchdog",
    ];

    public static bool IsNoise(string categoryOrSpanName) =>
        Markers.Any(marker => categoryOrSpanName.Contains(marker, StringComparison.OrdinalIgnoreCase));

    public static bool IsNoise(TelemetryLogRecord record) => IsNoise(record.Category);

    /// <summary>A trace is housekeeping when its root is: a profile request never starts with a membership call.</summary>
    public static bool IsNoise(TraceSummary trace) => IsNoise(trace.Name);
}
