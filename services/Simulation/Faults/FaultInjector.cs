using Grpc.Core;
using Microsoft.Extensions.Options;

using Profiles.Contracts.Faults;

namespace Profiles.Simulation.Faults;

/// <summary>
/// Makes a call suffer the faults its part is configured with: the profile's, with the live faults
/// (<see cref="LiveFaults"/>) over them aspect by aspect; or, where request overrides are allowed,
/// the ones its <c>x-fault</c> header names (which replace both for the parts they mention, so a
/// test's or the page's own scenario stays what it says). Every wait observes the call's cancellation.
/// </summary>
public sealed class FaultInjector(IOptions<FaultOptions> options, LiveFaults live, TimeProvider timeProvider)
{
    private readonly FaultPlan _profile = FaultProfiles.Resolve(options.Value.Profile);

    public bool AllowsRequestOverrides => options.Value.AllowRequestOverrides;

    /// <summary>The rule that applies to <paramref name="part"/> for a call that carried <paramref name="overrideHeader"/>.</summary>
    public FaultRule RuleFor(string part, string? overrideHeader)
    {
        if (AllowsRequestOverrides && FaultPlan.TryParse(overrideHeader, out var plan, out _) && plan.For(part) is { } requested)
        {
            return requested;
        }

        return (live.Current.For(part) ?? FaultRule.None).Over(_profile.For(part) ?? FaultRule.None);
    }

    public async ValueTask ApplyAsync(string part, string? overrideHeader, CancellationToken cancellationToken)
    {
        var outcome = RuleFor(part, overrideHeader).Sample(Random.Shared);

        if (outcome.Delay > TimeSpan.Zero)
        {
            await Task.Delay(outcome.Delay, timeProvider, cancellationToken);
        }

        if (outcome.Hang)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, timeProvider, cancellationToken);
        }

        if (outcome.Error is { } status)
        {
            throw new RpcException(new Status(status, $"Injected fault: {part} answered {status}."));
        }
    }
}
