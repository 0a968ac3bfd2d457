using Profiles.Gateway.Hosting;

namespace Profiles.Gateway.Tests;

/// <summary>
/// The admission limit's climb: a raise is tried, kept if the answers per second rose with it (or
/// nobody waited any more), and taken back if they did not. One interval is one call; a fan-out
/// takes one interval here, so a trial is judged after five.
/// </summary>
public sealed class LimitClimbTests
{
    private const int Settle = 1;
    private const int Trial = Settle + LimitClimb.WindowIntervals;

    private static readonly AdmissionOptions Options = new() { MinConcurrentFanOuts = 4, MaxConcurrentFanOuts = 10_000, MaxOverrunShare = 0.01 };

    private readonly LimitClimb _climb = new(Options);

    [Fact]
    public void Nothing_is_raised_before_a_window_of_answers_has_been_counted()
    {
        for (var interval = 1; interval < LimitClimb.WindowIntervals; interval++)
        {
            Assert.Equal(40, _climb.Next(40, Queued(answered: 100), Settle));
        }

        Assert.Equal(50, _climb.Next(40, Queued(answered: 100), Settle));
    }

    [Fact]
    public void A_raise_that_brings_more_answers_stays_and_the_next_one_follows()
    {
        var limit = Fill(40, answered: 100);
        Assert.Equal(50, limit);

        // A quarter more at once answer a quarter more: the raise paid.
        limit = Run(limit, Trial, answered: 125);
        Assert.Equal(50, limit);
        Assert.Equal(62, _climb.Next(limit, Queued(answered: 125), Settle));
    }

    [Fact]
    public void A_raise_that_brings_no_more_answers_is_taken_back_and_none_is_tried_for_a_while()
    {
        var limit = Fill(40, answered: 100);

        limit = Run(limit, Trial, answered: 102);
        Assert.Equal(40, limit);

        limit = Run(limit, LimitClimb.HoldIntervals - 1, answered: 102);
        Assert.Equal(40, limit);
        Assert.Equal(50, _climb.Next(limit, Queued(answered: 102), Settle));
    }

    [Fact]
    public void A_raise_after_which_nobody_waits_stays_whatever_the_answers()
    {
        var limit = Fill(40, answered: 100);

        for (var interval = 0; interval < Trial; interval++)
        {
            limit = _climb.Next(limit, new AdmissionEvidence(100, 0, CutPending: false, LimitReached: false, TimeSpan.Zero), Settle);
        }

        Assert.Equal(50, limit);
    }

    [Fact]
    public void Overruns_during_a_trial_cut_the_limit_at_once()
    {
        var limit = Fill(40, answered: 100);

        Assert.Equal(40, _climb.Next(limit, new AdmissionEvidence(100, 10, CutPending: false, LimitReached: true, TimeSpan.Zero), Settle));
    }

    /// <summary>Counts a window of answers at <paramref name="limit"/> with requests waiting; returns the limit the raise gave.</summary>
    private int Fill(int limit, long answered) => Run(limit, LimitClimb.WindowIntervals, answered);

    private int Run(int limit, int intervals, long answered)
    {
        for (var interval = 0; interval < intervals; interval++)
        {
            limit = _climb.Next(limit, Queued(answered), Settle);
        }

        return limit;
    }

    private static AdmissionEvidence Queued(long answered) => new(answered, 0, CutPending: false, LimitReached: true, TimeSpan.Zero);
}
