using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Profiles.Gateway.Profiles;

namespace Profiles.Gateway.Tests;

/// <summary>How much of a budget the parts are given, after fan-outs that ended late past their deadline.</summary>
public sealed class DeadlineReserveTests : IDisposable
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(500);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _services.Dispose();

    private DeadlineReserve Reserve() => new(Options.Create(new FanOutOptions()), _services.GetRequiredService<IMeterFactory>(), _time);

    [Fact]
    public void Two_late_ends_in_a_hundred_take_the_parts_deadline_back_by_their_lag_the_budget_being_a_p99_promise()
    {
        var reserve = Reserve();
        reserve.Record(Budget, Budget + TimeSpan.FromMilliseconds(40));
        reserve.Record(Budget, Budget + TimeSpan.FromMilliseconds(40));
        for (var i = 0; i < 98; i++)
        {
            reserve.Record(Budget, Budget);
        }

        // A p95 would see none of the two, and 2 % of the answers would leave after the budget.
        Assert.Equal(TimeSpan.FromMilliseconds(460), reserve.PartsBudget(Budget));
    }

    [Fact]
    public void However_late_fan_outs_end_the_parts_keep_four_fifths_of_the_budget()
    {
        var reserve = Reserve();
        for (var i = 0; i < 100; i++)
        {
            reserve.Record(Budget, Budget + TimeSpan.FromSeconds(1));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(400), reserve.PartsBudget(Budget));
    }

    [Fact]
    public void Fan_outs_that_ended_before_their_deadline_take_nothing_back()
    {
        var reserve = Reserve();
        for (var i = 0; i < 100; i++)
        {
            reserve.Record(Budget, TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(Budget, reserve.PartsBudget(Budget));
    }

    [Fact]
    public void The_reserve_is_forgotten_once_no_fan_out_has_reached_its_deadline_for_a_while()
    {
        var reserve = Reserve();
        RecordLate(reserve, 100, TimeSpan.FromMilliseconds(60));

        _time.Advance(DeadlineReserve.ForgetAfter + TimeSpan.FromMilliseconds(1));

        Assert.Equal(Budget, reserve.PartsBudget(Budget));
        // A late one after the quiet spell starts the window afresh: one is not a p99.
        RecordLate(reserve, 1, TimeSpan.FromMilliseconds(60));
        Assert.Equal(Budget, reserve.PartsBudget(Budget));
    }

    [Fact]
    public void A_fan_out_that_reaches_its_deadline_within_the_spell_keeps_the_reserve()
    {
        var reserve = Reserve();
        RecordLate(reserve, 100, TimeSpan.FromMilliseconds(60));

        _time.Advance(DeadlineReserve.ForgetAfter / 2);
        RecordLate(reserve, 1, TimeSpan.FromMilliseconds(60));
        _time.Advance(DeadlineReserve.ForgetAfter / 2 + TimeSpan.FromMilliseconds(1));

        Assert.Equal(TimeSpan.FromMilliseconds(440), reserve.PartsBudget(Budget));
    }

    private static void RecordLate(DeadlineReserve reserve, int count, TimeSpan lag)
    {
        for (var i = 0; i < count; i++)
        {
            reserve.Record(Budget, Budget + lag);
        }
    }
}
