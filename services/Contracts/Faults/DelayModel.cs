namespace Profiles.Contracts.Faults;

/// <summary>How long a part takes before it answers: a fixed latency, or a base with a slow tail.</summary>
public abstract record DelayModel
{
    public abstract TimeSpan Sample(Random random);

    /// <summary><c>latency:200ms</c></summary>
    public sealed record Fixed(TimeSpan Latency) : DelayModel
    {
        public override TimeSpan Sample(Random random) => Latency;

        public override string ToString() => $"latency:{Latency.TotalMilliseconds:0}ms";
    }

    /// <summary><c>tail:10ms,1%:1000ms</c>: 10 ms, except 1 % of attempts take 1000 ms ("The Tail at Scale").</summary>
    public sealed record Tail(TimeSpan Base, double SlowProbability, TimeSpan Slow) : DelayModel
    {
        public override TimeSpan Sample(Random random) => random.NextDouble() < SlowProbability ? Slow : Base;

        public override string ToString() =>
            $"tail:{Base.TotalMilliseconds:0}ms,{SlowProbability * 100:0.###}%:{Slow.TotalMilliseconds:0}ms";
    }
}
