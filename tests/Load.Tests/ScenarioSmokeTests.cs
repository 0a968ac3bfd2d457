using Profiles.Load.Peers;
using Profiles.Load.Scenarios;

namespace Profiles.Load.Tests;

/// <summary>
/// Each scenario, run in-process at a tiny scale against one started system: it completes, counts
/// its requests and writes its table and plot. Behaviour only; the figures are measured by hand,
/// and those checked here (CPU, allocations) only for being measured, never against a limit.
/// </summary>
[Collection(nameof(Smoke))]
public sealed class ScenarioSmokeTests(LoadSystem system) : IDisposable
{
    private const double Tiny = 0.01;

    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G'];

    private readonly string _output = Directory.CreateTempSubdirectory("load-smoke-").FullName;

    [Theory]
    [InlineData("fanout", "| sequential | 3 |")]
    [InlineData("blocking", "| clients | concurrent (200s/s) | blocking (200s/s) |")]
    [InlineData("inflight", "| requests | completed (200) | errors by status | peak in flight (client) | peak fan-outs at once (gateway) |")]
    [InlineData("storm", "| hedging on vs off |")]
    public async Task Runs_and_writes_its_table_and_plot(string name, string expectedInTable)
    {
        var scenario = ScenarioCatalog.Find(name);
        Assert.NotNull(scenario);

        var (markdown, plots) = await LoadHarness.RunAsync(scenario, system.System, _output, Tiny, _ => { }, TestContext.Current.CancellationToken);

        var table = await File.ReadAllTextAsync(markdown, TestContext.Current.CancellationToken);
        Assert.Contains(expectedInTable, table, StringComparison.Ordinal);
        var plot = Assert.Single(plots);
        Assert.Equal(PngSignature, (await File.ReadAllBytesAsync(plot, TestContext.Current.CancellationToken))[..4]);
    }

    [Fact]
    public async Task Cost_reports_the_CPU_and_allocations_each_profile_took()
    {
        var markdown = await RunAsync("cost");

        Assert.True(MarkdownTables.Figure(markdown, "profiles/s at saturation") > 0, markdown);
        foreach (var process in new[] { "gateway", "members", "network", "silo", "**whole system**" })
        {
            Assert.True(MarkdownTables.Figure(markdown, "CPU per profile (ms)", process) > 0, $"{process}\n{markdown}");
        }

        var gateway = MarkdownTables.Figure(markdown, "CPU per profile (ms)", "gateway");
        var whole = MarkdownTables.Figure(markdown, "CPU per profile (ms)", "**whole system**");
        Assert.True(whole > gateway, markdown);
        var cores = whole * CostScenario.TargetRate / 1000;
        Assert.InRange(MarkdownTables.Figure(markdown, "cores for 10,000 profiles/s", "**whole system**"), cores * 0.99 - 0.1, cores * 1.01 + 0.1);
        Assert.True(MarkdownTables.Figure(markdown, "per profile", "allocated (KB)") > 0, markdown);
        Assert.True(MarkdownTables.Figure(markdown, "spans per profile", "gateway") > 0, markdown);
        Assert.True(MarkdownTables.Figure(markdown, "host probe's unit of work (ms of CPU, median)") > 0, markdown);
    }

    [Fact]
    public async Task Tail_names_what_its_slowest_hedged_profiles_waited_for()
    {
        var markdown = await RunAsync("tail");

        Assert.Contains("| hedging off |", markdown, StringComparison.Ordinal);
        Assert.True(MarkdownTables.Figure(markdown, "attempts") >= 1, markdown);
        Assert.True(MarkdownTables.Figure(markdown, "its time (ms)") > 0, markdown);
        Assert.True(MarkdownTables.Figure(markdown, "profiles") >= 1, markdown);
        Assert.True(MarkdownTables.Figure(markdown, "hedging delay p50 (ms)") > 0, markdown);
    }

    [Fact]
    public async Task Cancel_times_each_abort_at_the_backends_and_hop_by_hop_from_the_exported_spans()
    {
        var markdown = await RunAsync("cancel");

        Assert.Contains("| aborted requests |", markdown, StringComparison.Ordinal);
        Assert.True(MarkdownTables.Figure(markdown, "spans", "the gateway's first part ends") > 0, markdown);
        Assert.True(MarkdownTables.Figure(markdown, "spans", "the gateway's request ends") > 0, markdown);
    }

    [Fact]
    public async Task Peers_compares_both_modes_of_the_gateway_with_the_Node_peer()
    {
        Assert.SkipUnless(NodePeer.IsAvailable, "node is not on the PATH: the peers scenario runs a Node.js peer gateway (Node.js 20 or later).");

        var markdown = await RunAsync("peers");

        foreach (var front in new[] { "gateway, concurrent", "Node.js peer", "gateway, blocking" })
        {
            Assert.True(MarkdownTables.Figure(markdown, "p50, six parts at 50 ms (ms)", front) > 0, $"{front}\n{markdown}");
            Assert.True(MarkdownTables.Figure(markdown, "front CPU per profile (ms)", front) > 0, $"{front}\n{markdown}");
        }

        Assert.Contains("| Node.js peer | 5 of 7 (no grains) |", markdown, StringComparison.Ordinal);
    }

    private async Task<string> RunAsync(string name)
    {
        var scenario = ScenarioCatalog.Find(name);
        Assert.NotNull(scenario);
        var (markdown, plots) = await LoadHarness.RunAsync(scenario, system.System, _output, Tiny, _ => { }, TestContext.Current.CancellationToken);
        Assert.Equal(PngSignature, (await File.ReadAllBytesAsync(Assert.Single(plots), TestContext.Current.CancellationToken))[..4]);
        return await File.ReadAllTextAsync(markdown, TestContext.Current.CancellationToken);
    }

    public void Dispose() => Directory.Delete(_output, recursive: true);
}
