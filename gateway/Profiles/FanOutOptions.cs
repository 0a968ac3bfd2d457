namespace Profiles.Gateway.Profiles;

/// <summary>The <c>FanOut</c> configuration section.</summary>
public sealed class FanOutOptions
{
    public const string SectionName = "FanOut";

    public static readonly TimeSpan MinBudget = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// The largest <c>budget</c> a caller may ask for. A request holds its connection, its memory and
    /// its calls for up to this long, so the default suits a page; a deployment that serves
    /// long-held fan-outs raises it (the C10K benchmark holds ten thousand for minutes).
    /// </summary>
    public TimeSpan MaxBudget { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The request's deadline when the caller names no <c>budget</c>.</summary>
    public TimeSpan DefaultBudget { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Per part (by name), a timeout tighter than the request's budget; a part not listed is bounded by the budget alone.</summary>
    public Dictionary<string, TimeSpan> PartTimeouts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// How late after its budget a fan-out may answer before it counts as an overrun
    /// (<see cref="Telemetry.DeadlineOverruns"/>): timers fire late by a millisecond or two, and
    /// assembling the answer takes a little more.
    /// </summary>
    public TimeSpan OverrunTolerance { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// The largest share of a budget kept back from the parts to answer in (<see cref="DeadlineReserve"/>):
    /// however slow the machine has become, the parts keep the rest.
    /// </summary>
    public double MaxReserveShare { get; set; } = 0.2;

    /// <summary>How many posts the activity part takes from its stream before cancelling it, unless the request says <c>posts</c>.</summary>
    public int DefaultPosts { get; set; } = 5;
}
