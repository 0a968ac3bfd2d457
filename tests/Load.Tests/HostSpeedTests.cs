using Profiles.Load.Measurement;

namespace Profiles.Load.Tests;

public sealed class HostSpeedTests
{
    [Fact]
    public void A_probe_stopped_before_its_first_sample_still_reports_one()
    {
        var probe = HostSpeed.Start();

        var unit = probe.Stop();

        Assert.True(unit > 0, $"unit of work: {unit} ms");
    }
}
