namespace Aspire.Hosting;

/// <summary>
/// One of the dashboard's fault buttons on a backend: the live fault plan it sends
/// (<c>x-fault</c> grammar; null heals). <c>*</c> is every part the process serves.
/// </summary>
internal sealed record FaultCommand(string Name, string DisplayName, string? Plan, string IconName, string Description)
{
    // The names are the e2e tests' handles on the buttons: they do not change.
    public static readonly FaultCommand[] All =
    [
        new("fault-latency", "Add 200 ms latency", "*=latency:200ms", "Timer", "Every call waits 200 ms before it is answered, instead of the profile's delay."),
        new("fault-fail", "Fail", "*=error:unavailable", "ErrorCircle", "Every call fails with Unavailable."),
        new("fault-hang", "Hang", "*=hang", "Pause", "Every call hangs until its caller gives up."),
        // A live delay replaces the profile's; a 0 ms base leaves the one-second calls as the only delay, plain in a trace.
        new("fault-tail", "1 % one-second tail", "*=tail:0ms,1%:1s", "ArrowTrendingLines", "1 % of calls take one second."),
        new("fault-heal", "Heal", null, "HeartPulse", "Back to the fault profile alone."),
    ];
}
