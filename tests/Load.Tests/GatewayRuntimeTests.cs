using Profiles.Load.Measurement;

namespace Profiles.Load.Tests;

public sealed class GatewayRuntimeTests
{
    [Fact]
    public void The_last_sample_at_the_peak_is_the_end_of_the_plateau()
    {
        using var client = new HttpClient();
        var runtime = new GatewayRuntime(client, new Uri("http://127.0.0.1:1"));
        runtime.Samples.AddRange([(0.1, Held(1, 100)), (0.2, Held(3, 200)), (0.3, Held(3, 300)), (0.4, Held(2, 400))]);

        var held = runtime.LastAtPeak(sample => sample.AdmissionInFlight);

        Assert.Equal(300, held?.WorkingSetBytes);
    }

    [Fact]
    public void Without_samples_there_is_no_peak()
    {
        using var client = new HttpClient();

        Assert.Null(new GatewayRuntime(client, new Uri("http://127.0.0.1:1")).LastAtPeak(sample => sample.AdmissionInFlight));
    }

    [Fact]
    public void The_most_the_collector_paused_between_two_samples_is_read_in_their_order_in_time()
    {
        using var client = new HttpClient();
        var runtime = new GatewayRuntime(client, new Uri("http://127.0.0.1:1"));
        runtime.Samples.AddRange([(1.0, Paused(5)), (0.0, Paused(0)), (3.0, Paused(31)), (2.0, Paused(30))]);

        Assert.Equal(25, runtime.MostGcPauseInOneInterval());
    }

    private static RuntimeSample Held(int fanOuts, long workingSet) =>
        new(0, 0, 0, 0, workingSet, 0, 0, 0, 0, 0, fanOuts, fanOuts, 0, 0, null);

    private static RuntimeSample Paused(double totalMs) =>
        new(0, 0, 0, 0, 0, 0, 0, 0, 0, totalMs, 0, 0, 0, 0, null);
}
