using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Profiles.Contracts;
using Profiles.Contracts.Faults;
using Profiles.Contracts.Grains;
using Profiles.Contracts.Network;
using Profiles.Simulation.Data;
using Profiles.Simulation.Faults;
using Profiles.Simulation.Grpc;

namespace Profiles.Backends;

/// <summary>
/// How the viewer is connected to the member. The second level of the fan-out: the presence of
/// each mutual connection shown is looked up in its Presence grain, all at once, each lookup hedged
/// within the lookups' budget, unless the caller sent <c>x-hedge: off</c> (<see cref="HedgingMetadata"/>).
/// </summary>
public sealed class NetworkService(ProfileData data, PresenceLookup presenceLookup) : Network.NetworkBase
{
    /// <summary>The reply lists at most this many mutual connections (the wire contract says so).</summary>
    private const int MaxMutualConnections = 10;

    public override async Task<NetworkReply> GetNetwork(GetNetworkRequest request, ServerCallContext context)
    {
        if (request.ViewerId < 0)
        {
            throw MemberRequests.InvalidArgument($"viewer_id must be a member id, or 0 for an anonymous viewer; not {request.ViewerId}.");
        }

        data.RequireMember(request.MemberId);
        var reply = new NetworkReply
        {
            MemberId = request.MemberId,
            ConnectionCount = data.Connections(request.MemberId).Count,
            FollowerCount = data.FollowerCount(request.MemberId),
        };
        if (request.ViewerId == 0)
        {
            return reply;
        }

        data.RequireMember(request.ViewerId, "viewer_id");
        reply.Degree = data.DegreeOf(request.MemberId, request.ViewerId);
        var mutual = data.MutualConnections(request.MemberId, request.ViewerId);
        reply.MutualConnectionCount = mutual.Count;

        // The caller's deadline and fault plan travel on to the grains, so they reach these nested calls too,
        // hedges included: RequestContext flows with the async calls, into every attempt the pipeline starts.
        GrainCallDeadline.Set(context.Deadline);
        if (context.RequestHeaders.GetValue(FaultPlan.HeaderName) is { } faults)
        {
            RequestContext.Set(FaultPlan.HeaderName, faults);
        }

        var hedging = HedgingMetadata.IsHedgingOn(context.RequestHeaders);
        var shown = mutual.Take(MaxMutualConnections).Select(memberId => WithPresenceAsync(memberId, hedging, context.CancellationToken));
        reply.MutualConnections.AddRange(await Task.WhenAll(shown));
        return reply;
    }

    /// <summary>
    /// A lookup that fails fails the whole call, rather than showing that connection's presence as
    /// unknown: the gateway then reports the network part as failed, which is the honest answer.
    /// A cancelled lookup (caller gone, deadline passed) cancels the call.
    /// </summary>
    private async Task<MutualConnection> WithPresenceAsync(long memberId, bool hedging, CancellationToken cancellationToken)
    {
        Presence presence;
        try
        {
            presence = await presenceLookup.GetAsync(memberId, hedging, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"The presence of member {memberId} could not be looked up: {exception.Message}"));
        }

        var card = data.Member(memberId);
        return new MutualConnection
        {
            MemberId = memberId,
            Name = $"{card.FirstName} {card.LastName}",
            Headline = card.Headline,
            Online = presence.Online,
            LastSeen = Timestamp.FromDateTimeOffset(presence.LastSeen),
        };
    }
}
