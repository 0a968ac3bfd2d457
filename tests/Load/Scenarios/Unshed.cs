using Profiles.Fixtures;

namespace Profiles.Load.Scenarios;

/// <summary>
/// The gateway's admission as the benchmarks of many requests at once were measured with: 1,000
/// fan-outs at once and a queue that may stand for minutes, so a burst is held whole rather than
/// shed (the gateway's defaults, 32 and 1 s, protect the budget of what it admits instead).
/// </summary>
public static class Unshed
{
    public static SystemOptions System { get; } = new()
    {
        GatewaySettings = new Dictionary<string, string>
        {
            ["Admission:MaxConcurrentFanOuts"] = "1000",
            ["Admission:MaxQueueWait"] = "00:02:00",
        },
    };
}
