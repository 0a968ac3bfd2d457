using Orleans.Runtime;
using Profiles.Contracts.Faults;
using Profiles.Contracts.Grains;
using Profiles.Gateway.Profiles;
using Profiles.Gateway.Resilience;

namespace Profiles.Gateway.Parts;

/// <summary>
/// A part served by a grain. The call takes the attempt's token as an argument; the deadline
/// (<see cref="GrainCallDeadline"/>) and the fault header ride in Orleans' <c>RequestContext</c>,
/// which flows with this async call only.
/// </summary>
public abstract class GrainPart<TSection>(PartPipeline<TSection> pipeline) : ProfilePart<TSection>(pipeline) where TSection : class
{
    protected sealed override Task<TSection> CallAsync(ProfileQuery query, DateTime deadlineUtc, CancellationToken attemptToken)
    {
        GrainCallDeadline.Set(deadlineUtc);
        if (query.FaultHeader is { } fault)
        {
            RequestContext.Set(FaultPlan.HeaderName, fault);
        }

        return CallAsync(query, attemptToken);
    }

    protected abstract Task<TSection> CallAsync(ProfileQuery query, CancellationToken attemptToken);
}
