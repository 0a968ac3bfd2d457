using Grpc.Core;
using Orleans.Runtime;
using Profiles.Gateway.Profiles;
using Profiles.Gateway.Scopes;
using Profiles.Simulation.Faults;

namespace Profiles.Gateway.Parts;

/// <summary>How a part's deadline, cancellation and fault header travel to the next hop.</summary>
internal static class CallOptionsFactory
{
    /// <summary>
    /// The gRPC call carries the child's absolute deadline (the callee sees it as <c>grpc-timeout</c>
    /// and <c>ServerCallContext.Deadline</c>) and is cancelled with the attempt's token, which
    /// also fires when a hedged sibling attempt has won.
    /// </summary>
    public static CallOptions ForGrpc(ProfileQuery query, ChildContext context, CancellationToken cancellationToken)
    {
        var headers = query.FaultHeader is { } fault ? new Metadata { { FaultPlan.HeaderName, fault } } : null;
        return new CallOptions(headers, context.DeadlineUtc, cancellationToken);
    }

    /// <summary>
    /// Grain calls take the attempt's token as an argument; the fault header rides in Orleans'
    /// <c>RequestContext</c>, which flows with this async call only.
    /// </summary>
    public static void PassFaults(ProfileQuery query)
    {
        if (query.FaultHeader is { } fault)
        {
            RequestContext.Set(FaultPlan.HeaderName, fault);
        }
    }
}
