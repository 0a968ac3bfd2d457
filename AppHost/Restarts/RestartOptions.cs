namespace Aspire.Hosting;

/// <summary>
/// How soon a crashed process is started again (section <c>Restarts</c>): after <see cref="FirstDelay"/>
/// the first time, then twice as long after each crash of a process that had run less than
/// <see cref="StableAfter"/>, up to <see cref="MaxDelay"/>. A service that crashes as it starts is
/// then started a few times a minute rather than in a loop that takes the machine's CPU.
/// </summary>
public sealed class RestartOptions
{
    public const string Section = "Restarts";

    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan StableAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The wait before starting a process that has crashed <paramref name="crashesInARow"/> times without running <see cref="StableAfter"/>.</summary>
    public TimeSpan DelayAfter(int crashesInARow) =>
        TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, FirstDelay.Ticks << Math.Min(crashesInARow - 1, 20)));
}
