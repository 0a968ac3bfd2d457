using Profiles.Fixtures;

namespace Profiles.E2E;

/// <summary>
/// What the backends themselves say about their work (<c>GET /diagnostics/work</c> on each), so a
/// test of the page can check that a cancellation, or no request at all, reached them.
/// </summary>
public static class ProfilePageBackends
{
    public static IReadOnlyList<string> Resources => DistributedSystem.Backends;

    /// <summary>Every backend's counters, by resource and then by the service it counts for (the silo counts views and presence).</summary>
    public static async Task<Dictionary<string, Dictionary<string, WorkCounts>>> SnapshotAsync(DistributedSystem system, CancellationToken cancellationToken)
    {
        var snapshot = new Dictionary<string, Dictionary<string, WorkCounts>>();
        foreach (var resource in Resources)
        {
            snapshot[resource] = await system.WorkOfAsync(resource, cancellationToken);
        }

        return snapshot;
    }

    public static long Total(Dictionary<string, Dictionary<string, WorkCounts>> snapshot, Func<WorkCounts, long> count, string? resource = null, string? service = null) =>
        snapshot.Where(pair => resource is null || pair.Key == resource)
            .SelectMany(pair => pair.Value)
            .Where(pair => service is null || pair.Key == service)
            .Sum(pair => count(pair.Value));

    public static string Describe(Dictionary<string, Dictionary<string, WorkCounts>> snapshot) =>
        string.Join("; ", snapshot.Select(pair => $"{pair.Key}: {string.Join(", ", pair.Value.Select(service => $"{service.Key} {service.Value}"))}"));
}
