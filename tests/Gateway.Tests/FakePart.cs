using Polly;
using Profiles.Gateway.Parts;
using Profiles.Gateway.Profiles;
using Profiles.Gateway.Resilience;
using Profiles.Resilience;

namespace Profiles.Gateway.Tests;

/// <summary>
/// A part whose one attempt a test writes, in place of a gRPC or grain call, with no resilience in
/// the way, on the test's time: the pipeline tells an attempt stopped at its deadline by that clock.
/// </summary>
internal sealed class FakePart(TimeProvider time, string name, bool required, Func<CancellationToken, Task<string>> behaviour)
    : ProfilePart<string>(new PartPipeline<string>(
        ResiliencePipeline<Attempt<string>>.Empty,
        new LatencyTracker(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(1)),
        new AttemptBudget(name, 0.1, 3),
        new PartResilienceOptions().BreakerSlowAttempt,
        time))
{
    public override string Name => name;

    public override bool Required => required;

    protected override Task<string> CallAsync(ProfileQuery query, DateTime deadlineUtc, CancellationToken attemptToken) => behaviour(attemptToken);

    protected override void Place(ProfileResponse response, string section)
    {
    }
}
