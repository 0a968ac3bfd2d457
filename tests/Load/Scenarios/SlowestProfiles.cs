using System.Text.Json;
using Profiles.Load.Driving;
using Profiles.Load.Faults;
using Profiles.Load.Measurement;
using Profiles.Load.Reporting;

namespace Profiles.Load.Scenarios;

/// <summary>
/// What a run's slowest profiles waited for, read from their answers: the critical part, how it
/// ended, its attempts, whether a hedge gave its answer and whether the backend's budget refused it
/// one. p99.9 of 10,000 is the tenth slowest, so a tail's goal turns on a handful of these.
/// </summary>
public static class SlowestProfiles
{
    /// <summary>One row per profile, the slowest first.</summary>
    public static MarkdownTable Each(RunStats run, int count)
    {
        var table = new MarkdownTable("slowest", "latency (ms)", "unsent (ms)", "gateway (ms)", "critical part", "its status", "its time (ms)", "attempts", "hedge answered", "budget refused", "error");
        foreach (var (profile, rank) in Read(run).Take(count).Select((profile, index) => (profile, index + 1)))
        {
            var critical = profile.Critical;
            table.Row(rank, profile.Latency.TotalMilliseconds, profile.Unsent.TotalMilliseconds, profile.GatewayElapsedMs, profile.CriticalPart, critical?.Status, critical?.ElapsedMs,
                critical?.Attempts, YesNo(critical?.Hedged), YesNo(critical?.BudgetRefused), critical?.Error);
        }

        return table;
    }

    /// <summary>Every kept profile (<see cref="RunStats.SlowestKept"/>), counted by its critical part and how that part's hedging went.</summary>
    public static MarkdownTable ByCriticalPart(RunStats run)
    {
        var table = new MarkdownTable("critical part", "profiles", "one attempt", "budget refused a hedge", "a hedge answered", "its time p50 (ms)");
        foreach (var group in Read(run).GroupBy(profile => profile.CriticalPart ?? "none").OrderByDescending(group => group.Count()))
        {
            var ends = group.Select(profile => profile.Critical).OfType<PartEnd>().ToList();
            table.Row(group.Key, group.Count(), ends.Count(end => end.Attempts == 1), ends.Count(end => end.BudgetRefused), ends.Count(end => end.Hedged),
                Percentiles.Of(ends.Select(end => end.ElapsedMs), 50));
        }

        return table;
    }

    private static IEnumerable<SlowProfile> Read(RunStats run)
    {
        foreach (var answer in run.Slowest)
        {
            using var document = JsonDocument.Parse(answer.Body);
            var root = document.RootElement;
            var criticalPart = root.TryGetProperty("criticalPart", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null;
            var parts = PartEnd.ReadAll(root);
            yield return new SlowProfile(answer.Latency, answer.Unsent, root.GetProperty("elapsedMs").GetDouble(), criticalPart,
                criticalPart is null ? null : parts.GetValueOrDefault(criticalPart));
        }
    }

    private static string? YesNo(bool? value) => value switch
    {
        true => "yes",
        false => "no",
        null => null,
    };

    private sealed record SlowProfile(TimeSpan Latency, TimeSpan Unsent, double GatewayElapsedMs, string? CriticalPart, PartEnd? Critical);
}
