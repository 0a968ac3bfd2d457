using Microsoft.Extensions.Time.Testing;
using Profiles.Resilience;

namespace Profiles.Services.Tests;

/// <summary>The token bucket behind the retry and hedge budgets, on fake time.</summary>
public sealed class AttemptBudgetTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Every_call_earns_its_fraction_of_an_extra_attempt()
    {
        var budget = new AttemptBudget(ratio: 0.5, minimumPerSecond: 0, _time);
        Assert.False(budget.TryWithdraw());

        budget.RecordCall();
        budget.RecordCall();

        Assert.True(budget.TryWithdraw());
        Assert.False(budget.TryWithdraw());
    }

    [Fact]
    public void A_few_extra_attempts_a_second_are_allowed_whatever_the_calls()
    {
        var budget = new AttemptBudget(ratio: 0, minimumPerSecond: 2, _time);
        Assert.True(budget.TryWithdraw());
        Assert.True(budget.TryWithdraw());
        Assert.False(budget.TryWithdraw());

        _time.Advance(TimeSpan.FromMilliseconds(500));

        Assert.True(budget.TryWithdraw());
        Assert.False(budget.TryWithdraw());
    }

    [Fact]
    public void Asking_whether_an_extra_attempt_is_allowed_spends_nothing()
    {
        var budget = new AttemptBudget(ratio: 0, minimumPerSecond: 1, _time);

        Assert.True(budget.CanWithdraw);
        Assert.True(budget.CanWithdraw);
        Assert.True(budget.TryWithdraw());
        Assert.False(budget.CanWithdraw);
    }

    [Fact]
    public void Time_refills_the_budget_up_to_a_cap()
    {
        var budget = new AttemptBudget(ratio: 0, minimumPerSecond: 5, _time);

        _time.Advance(TimeSpan.FromHours(1));

        var allowed = 0;
        while (budget.TryWithdraw())
        {
            allowed++;
        }

        Assert.Equal(100, allowed);
    }
}
