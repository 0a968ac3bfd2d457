using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Profiles.Gateway.Profiles;

namespace Profiles.Gateway.Tests;

/// <summary>How much of a budget the parts are given, after fan-outs that ended past their deadline.</summary>
public sealed class DeadlineReserveTests : IDisposable
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(500);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    private DeadlineReserve Reserve() => new(Options.Create(new FanOutOptions()), _services.GetRequiredService<IMeterFactory>());

    [Fact]
    public void One_late_end_in_two_hundred_takes_the_parts_deadline_back_by_its_lag()
    {
        var reserve = Reserve();
        reserve.Record(Budget, Budget + TimeSpan.FromMilliseconds(40));
        for (var i = 0; i < 199; i++)
        {
            reserve.Record(Budget, TimeSpan.FromMilliseconds(100));
        }

        // Late ends come together: a p99 would see none, and let the next stall's answer after the budget.
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
    public void The_reserve_is_given_back_once_the_latest_fan_outs_end_before_their_deadline()
    {
        var reserve = Reserve();
        for (var i = 0; i < 20; i++)
        {
            reserve.Record(Budget, Budget + TimeSpan.FromMilliseconds(40));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(460), reserve.PartsBudget(Budget));

        for (var i = 0; i < 512; i++)
        {
            reserve.Record(Budget, TimeSpan.FromMilliseconds(100));
        }

        // Counting only the fan-outs that reached their deadline, the twenty would keep it for good.
        Assert.Equal(Budget, reserve.PartsBudget(Budget));
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
}
