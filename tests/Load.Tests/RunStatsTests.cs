using System.Globalization;
using System.Text;
using Profiles.Load.Driving;
using Profiles.Load.Measurement;

namespace Profiles.Load.Tests;

public sealed class RunStatsTests
{
    [Fact]
    public void Keeps_the_slowest_answered_profiles_whole_the_slowest_first()
    {
        var stats = new RunStats("run");
        var random = new Random(7);
        var latencies = Enumerable.Range(1, 1_000).Select(ms => TimeSpan.FromMilliseconds(ms)).OrderBy(_ => random.Next()).ToList();

        Parallel.ForEach(latencies, latency => stats.Record(new Outcome(200, latency, Body: Encoding.UTF8.GetBytes(Describe(latency)))));
        stats.Record(new Outcome(503, TimeSpan.FromSeconds(5)));
        stats.Record(new Outcome(LoadClient.NoAnswer, TimeSpan.FromSeconds(6)));

        var slowest = stats.Slowest;
        Assert.Equal(Enumerable.Range(901, RunStats.SlowestKept).Reverse().Select(ms => TimeSpan.FromMilliseconds(ms)), slowest.Select(answer => answer.Latency));
        Assert.All(slowest, answer => Assert.Equal(Describe(answer.Latency), Encoding.UTF8.GetString(answer.Body)));
        Assert.Equal(1_002, stats.Count);
    }

    private static string Describe(TimeSpan latency) => latency.TotalMilliseconds.ToString(CultureInfo.InvariantCulture);
}
