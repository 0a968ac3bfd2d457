using Microsoft.Extensions.Time.Testing;
using Profiles.Gateway.Hosting;

namespace Profiles.Gateway.Tests;

/// <summary>The pace a standing admission queue drains at, on fake time.</summary>
public sealed class DrainPaceTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly FakeTimeProvider _time = new();
    private readonly DrainPace _pace;

    public DrainPaceTests() => _pace = new DrainPace(Window, _time);

    private long Now => _time.GetTimestamp();

    /// <summary>A queue formed now that gives a turn every <paramref name="gap"/>, <paramref name="turns"/> times.</summary>
    private void Drain(int turns, TimeSpan gap)
    {
        _pace.Formed(Now);
        for (var turn = 0; turn < turns; turn++)
        {
            _time.Advance(gap);
            _pace.Turn(Now);
        }
    }

    [Fact]
    public void A_queue_that_never_gave_a_turn_has_no_pace()
    {
        Assert.Null(_pace.PerSecond(Now));
        _pace.Formed(Now);
        _time.Advance(TimeSpan.FromMilliseconds(300));

        Assert.Null(_pace.PerSecond(Now));
    }

    [Fact]
    public void Turns_at_a_steady_rate_read_as_that_rate_from_the_first_turns_on()
    {
        Drain(turns: 5, TimeSpan.FromMilliseconds(20));

        Assert.Equal(50, _pace.PerSecond(Now)!.Value, tolerance: 1);
    }

    [Fact]
    public void Turns_in_bursts_read_as_their_rate_over_time_not_as_the_gaps_within_a_burst()
    {
        _pace.Formed(Now);
        // Ten turns within the same instant every 400 ms, as fan-outs admitted together end at their deadline together: 25 a second.
        for (var burst = 0; burst < 10; burst++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(200));
            if (burst >= 3)
            {
                Assert.InRange(_pace.PerSecond(Now)!.Value, 20, 31);
            }

            _time.Advance(TimeSpan.FromMilliseconds(200));
            for (var turn = 0; turn < 10; turn++)
            {
                _pace.Turn(Now);
            }
        }
    }

    [Fact]
    public void A_queue_that_stands_and_gives_no_turn_reads_as_slowing_down()
    {
        Drain(turns: 50, TimeSpan.FromMilliseconds(20));
        var before = _pace.PerSecond(Now)!.Value;

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(_pace.PerSecond(Now) < before / 2, "a second without a turn at least halves the pace");
    }

    [Fact]
    public void An_idle_spell_without_a_queue_does_not_read_as_a_slow_drain()
    {
        Drain(turns: 50, TimeSpan.FromMilliseconds(20));
        _pace.Emptied(Now);
        var before = _pace.PerSecond(Now)!.Value;

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(before, _pace.PerSecond(Now)!.Value, tolerance: 0.001);
        _pace.Formed(Now);
        Assert.Equal(before, _pace.PerSecond(Now)!.Value, tolerance: 0.001);
    }
}
