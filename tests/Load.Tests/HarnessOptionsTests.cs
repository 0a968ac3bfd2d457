namespace Profiles.Load.Tests;

public sealed class HarnessOptionsTests
{
    [Fact]
    public void Reads_the_scenario_and_its_options()
    {
        var options = HarnessOptions.Parse(["tail", "--url", "http://127.0.0.1:5080", "--out", "/tmp/bench", "--scale", "0.5"]);

        Assert.Equal(new HarnessOptions("tail", new Uri("http://127.0.0.1:5080"), "/tmp/bench", 0.5), options);
    }

    [Fact]
    public void Reads_the_share_of_traces_to_record_for_a_system_it_starts()
    {
        var options = HarnessOptions.Parse(["cost", "--trace-sampling", "0.1", "--out", "/tmp/bench"]);

        Assert.Equal(new HarnessOptions("cost", null, "/tmp/bench", 1, TraceSampling: 0.1), options);
    }

    [Theory]
    [InlineData("--url")]
    [InlineData("tail", "--scale", "2")]
    [InlineData("tail", "--rate", "5")]
    [InlineData("cost", "--trace-sampling", "1.5")]
    [InlineData("cost", "--trace-sampling", "0.1", "--url", "http://127.0.0.1:5080")]
    public void Refuses_what_it_does_not_understand(params string[] args) =>
        Assert.Throws<ArgumentException>(() => HarnessOptions.Parse(args));

    [Fact]
    public void Drives_loopback_only() =>
        Assert.Throws<ArgumentException>(() => Target.LoadTarget.Attach(new Uri("http://example.com")));
}
