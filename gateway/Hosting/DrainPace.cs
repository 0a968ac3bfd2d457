namespace Profiles.Gateway.Hosting;

/// <summary>
/// How many requests a standing admission queue gives a turn per second, averaged over time with
/// weights that fall off over <c>window</c> (a moving average in time, as a load average is), and
/// counting only the time the queue stood, so that an idle spell is not taken for a slow drain.
/// <para>
/// Averaged over time and not over turns because turns come in bursts: fan-outs admitted together
/// run into their deadline together and give their turns away within a millisecond, then none
/// end for the length of a fan-out. A mean of the gaps between turns, weighted by turn, fell to the
/// burst's tiny gaps after each burst and stayed there until the next, so the queue seemed to
/// drain at once; it admitted everything until its oldest request had waited the longest wait,
/// then refused everything while it drained: one cause of the seconds of an `overload` burst in
/// which every request was refused (5–9 a burst before, 3–7 since; the others are in
/// docs/reliability.md).
/// </para>
/// Not thread-safe: <see cref="AdmissionLimiter"/> calls it under its lock.
/// </summary>
internal sealed class DrainPace(TimeSpan window, TimeProvider time)
{
    /// <summary>Turns given, each weighted by how long ago: e^(-age / window) / window.</summary>
    private double _turns;

    /// <summary>The time the queue stood, weighted the same way: 1 once it has stood for many windows.</summary>
    private double _stood;

    /// <summary>When the sums were last brought up to date while the queue stood; 0 while it does not.</summary>
    private long _standingSince;

    /// <summary>A request joined the queue when none waited: the queue stands from now.</summary>
    public void Formed(long now)
    {
        if (_standingSince == 0)
        {
            _standingSince = now;
        }
    }

    /// <summary>A waiter was given its turn.</summary>
    public void Turn(long now)
    {
        if (_standingSince != 0)
        {
            Decay(now);
            _turns += 1 / window.TotalSeconds;
            _standingSince = now;
        }
    }

    /// <summary>The queue emptied: it stands no more, and the time until it forms again is not counted.</summary>
    public void Emptied(long now)
    {
        if (_standingSince != 0)
        {
            Decay(now);
            _standingSince = 0;
        }
    }

    /// <summary>Turns per second while the queue stood, as of <paramref name="now"/>; none before it has stood through a turn.</summary>
    public double? PerSecond(long now)
    {
        var (turns, stood) = At(now);
        return _turns > 0 && stood > 0 ? turns / stood : null;
    }

    private void Decay(long now) => (_turns, _stood) = At(now);

    /// <summary>Both sums as of <paramref name="now"/>: weighed down by the time since they were brought up to date, while the queue stands.</summary>
    private (double Turns, double Stood) At(long now)
    {
        if (_standingSince == 0)
        {
            return (_turns, _stood);
        }

        var keep = Math.Exp(-time.GetElapsedTime(_standingSince, now).TotalSeconds / window.TotalSeconds);
        return (_turns * keep, (_stood * keep) + 1 - keep);
    }
}
