namespace Profiles.AppHost.Hosting.Orchestration;

/// <summary>
/// How long to wait before restarting a crashed replica: 1 s, 2 s, 4 s… up to 30 s, and from
/// 1 s again once a run stayed healthy long enough to count as recovered. (Polly's retry counts
/// attempts inside one execution and has no notion of a healthy run in between, hence this.)
/// </summary>
internal sealed class RestartBackoff
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RecoveredAfter = TimeSpan.FromSeconds(30);

    private int consecutiveCrashes;

    public TimeSpan NextDelay(TimeSpan healthyRunTime)
    {
        if (healthyRunTime >= RecoveredAfter)
        {
            consecutiveCrashes = 0;
        }

        var delay = FirstDelay * Math.Pow(2, Math.Min(consecutiveCrashes, 5));
        consecutiveCrashes++;
        return delay < MaxDelay ? delay : MaxDelay;
    }
}
