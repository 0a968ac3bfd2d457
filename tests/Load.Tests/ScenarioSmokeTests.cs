using Profiles.Load.Scenarios;

namespace Profiles.Load.Tests;

/// <summary>
/// Each scenario, run in-process at a tiny scale against one started system: it completes, counts
/// its requests and writes its table and plot. Behaviour only; the figures are measured by hand.
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
    [InlineData("inflight", "| requests | completed (200) |")]
    [InlineData("tail", "| hedging off |")]
    [InlineData("storm", "| hedging on vs off |")]
    [InlineData("cancel", "| aborted requests |")]
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

    public void Dispose() => Directory.Delete(_output, recursive: true);
}
