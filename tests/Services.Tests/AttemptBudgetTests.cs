using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Polly;
using Profiles.Resilience;

namespace Profiles.Services.Tests;

/// <summary>The token bucket behind every backend's extra attempts: refilled by calls, never by time.</summary>
public sealed class AttemptBudgetTests
{
    private static ResilienceContext Context() => ResilienceContextPool.Shared.Get();

    private static int Withdrawals(AttemptBudget budget)
    {
        var granted = 0;
        while (budget.TryWithdraw(ExtraAttempt.Hedge, Context()))
        {
            granted++;
        }

        return granted;
    }

    [Fact]
    public void Each_call_earns_its_ratio_of_a_token()
    {
        var budget = new AttemptBudget("skills", ratio: 0.25, burst: 2);
        Assert.Equal(2, Withdrawals(budget));

        for (var i = 0; i < 3; i++)
        {
            budget.RecordCall();
        }

        Assert.False(budget.TryWithdraw(ExtraAttempt.Hedge, Context()));
        budget.RecordCall();
        Assert.Equal(1, Withdrawals(budget));
    }

    [Fact]
    public void The_bucket_holds_the_burst_at_most_however_many_calls_filled_it()
    {
        var budget = new AttemptBudget("skills", ratio: 0.5, burst: 3);

        for (var i = 0; i < 1_000; i++)
        {
            budget.RecordCall();
        }

        Assert.Equal(3, Withdrawals(budget));
    }

    [Fact]
    public void A_refusal_is_told_to_the_call_that_asked()
    {
        var budget = new AttemptBudget("skills", ratio: 0, burst: 1);
        var refusals = 0;
        var context = Context();
        context.Properties.Set(AttemptBudget.Refused, () => refusals++);

        Assert.True(budget.TryWithdraw(ExtraAttempt.Retry, context));
        Assert.Equal(0, refusals);
        Assert.False(budget.TryWithdraw(ExtraAttempt.Hedge, context));
        Assert.Equal(1, refusals);
    }

    [Fact]
    public void Grants_and_refusals_are_counted_per_backend_and_kind()
    {
        using var services = new ServiceCollection().AddResilienceTelemetry().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var counted = new List<(long Value, string Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Meter.Name == AttemptBudgetTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            counted.Add((value, string.Join(",", tags.ToArray().Select(tag => $"{tag.Key}={tag.Value}")))));
        listener.Start();
        var budget = new AttemptBudget("network", ratio: 0, burst: 1, services.GetRequiredService<AttemptBudgetTelemetry>());

        budget.TryWithdraw(ExtraAttempt.Hedge, Context());
        budget.TryWithdraw(ExtraAttempt.Retry, Context());

        Assert.Equal(
            [(1L, "backend=network,kind=hedge,outcome=granted"), (1L, "backend=network,kind=retry,outcome=refused")],
            counted);
    }
}
