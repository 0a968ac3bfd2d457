using Grpc.Core;
using Profiles.Contracts;
using Profiles.Contracts.Network;
using Profiles.Gateway.Profiles;
using Profiles.Gateway.Resilience;

namespace Profiles.Gateway.Parts;

/// <summary>Connections and mutual connections; the service fans out again to the Presence grains.</summary>
public sealed class NetworkPart(Network.NetworkClient client, [FromKeyedServices(PartNames.Network)] PartPipeline<NetworkSection> pipeline)
    : GrpcPart<NetworkSection>(pipeline)
{
    public override string Name => PartNames.Network;

    protected override async Task<NetworkSection> CallAsync(ProfileQuery query, CallOptions options) =>
        ToSection(await client.GetNetworkAsync(new GetNetworkRequest { MemberId = query.MemberId, ViewerId = query.ViewerId }, options));

    protected override void Place(ProfileResponse response, NetworkSection section) => response.Network = section;

    private static NetworkSection ToSection(NetworkReply reply) => new(
        reply.ConnectionCount,
        reply.FollowerCount,
        Describe(reply.Degree),
        reply.MutualConnectionCount,
        reply.MutualConnections.Select(mutual => new MutualConnectionEntry(
            mutual.MemberId,
            mutual.Name,
            mutual.Headline,
            mutual.Online,
            mutual.LastSeen?.ToDateTimeOffset())).ToArray());

    private static string Describe(Degree degree) => degree switch
    {
        Degree.Self => "self",
        Degree.First => "1st",
        Degree.Second => "2nd",
        Degree.Third => "3rd",
        Degree.OutOfNetwork => "out-of-network",
        _ => "unknown",
    };
}
