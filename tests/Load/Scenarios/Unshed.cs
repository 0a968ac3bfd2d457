using Profiles.Fixtures;

namespace Profiles.Load.Scenarios;

/// <summary>
/// The gateway's admission as the blocking benchmark measures it with: a fixed 1,000 fan-outs at
/// once and a queue that may stand for minutes, so a burst is held whole rather than shed (the
/// gateway's defaults, a limit that follows the CPU and a 1 s queue, protect the budget of what it
/// admits instead; and the blocking mode, which starves the thread pool by design, would see its
/// limit cut).
/// </summary>
public static class Unshed
{
    public static SystemOptions System { get; } = new()
    {
        GatewaySettings = new Dictionary<string, string>
        {
            ["Admission:InitialConcurrentFanOuts"] = "1000",
            ["Admission:MinConcurrentFanOuts"] = "1000",
            ["Admission:MaxConcurrentFanOuts"] = "1000",
            ["Admission:MaxQueueWait"] = "00:02:00",
        },
    };
}
