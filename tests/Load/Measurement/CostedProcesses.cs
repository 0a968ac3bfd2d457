using Profiles.Fixtures;
using Profiles.Load.Target;

namespace Profiles.Load.Measurement;

/// <summary>
/// The processes a profile's CPU is counted in, by name, found from the ids Aspire reports (never
/// by process name): each resource's service processes; DCP, which runs them and proxies every
/// endpoint, so that each call between two services crosses it; and this process, which is the
/// load generator and the AppHost at once.
/// </summary>
public static class CostedProcesses
{
    public const string Dcp = "DCP (orchestrator, endpoint proxies)";

    public const string Harness = "harness (load generator, AppHost)";

    public static Dictionary<string, int[]> Of(LoadTarget target)
    {
        var groups = target.ProcessIds().ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        if (target.System is { } system)
        {
            groups[Dcp] = DcpOf(system);
        }

        groups[Harness] = [Environment.ProcessId];
        return groups;
    }

    /// <summary>
    /// DCP is every process above a resource's launcher that is not this process or above it (DCP
    /// detaches from the AppHost that starts it), and whatever else those run, less the resources.
    /// </summary>
    private static int[] DcpOf(DistributedSystem system)
    {
        var launchers = system.ProcessIds().Values.SelectMany(ids => ids).ToArray();
        var harness = LinuxProcess.Read(Environment.ProcessId)!.Value;
        var harnessLine = harness.Ancestors().Select(process => process.Id).Append(harness.Id).ToHashSet();
        var roots = launchers
            .SelectMany(id => LinuxProcess.Read(id)?.Ancestors() ?? [])
            .Select(process => process.Id)
            .Where(id => !harnessLine.Contains(id))
            .Distinct();
        var resources = LinuxProcess.WithDescendants(launchers).Select(process => process.Id).ToHashSet();
        return [.. LinuxProcess.WithDescendants(roots).Select(process => process.Id).Where(id => !resources.Contains(id))];
    }
}
