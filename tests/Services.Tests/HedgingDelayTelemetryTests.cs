using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Profiles.Resilience;

namespace Profiles.Services.Tests;

public sealed class HedgingDelayTelemetryTests
{
    [Fact]
    public void Each_calls_hedging_delay_is_reported_as_its_latencies_set_it()
    {
        using var services = new ServiceCollection().AddResilienceTelemetry().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var telemetry = services.GetRequiredService<HedgingDelayTelemetry>();
        var observed = new List<(double Value, string Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name == "profiles.hedging.delay")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
            observed.Add((value, string.Join(",", tags.ToArray().Select(tag => $"{tag.Key}={tag.Value}")))));
        listener.Start();
        var tracker = telemetry.Track("skills", new LatencyTracker(untilObserved: TimeSpan.FromMilliseconds(50), minimum: TimeSpan.FromMilliseconds(2)));

        listener.RecordObservableInstruments();
        Assert.Equal([(50.0, "call=skills")], observed);

        for (var i = 0; i < 32; i++)
        {
            tracker.Record(TimeSpan.FromMilliseconds(10));
        }

        observed.Clear();
        listener.RecordObservableInstruments();
        Assert.Equal([(10.0, "call=skills")], observed);
        Assert.Equal(10.0, telemetry.DelaysMs["skills"]);
    }
}
