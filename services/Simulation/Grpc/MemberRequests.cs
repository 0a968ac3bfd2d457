using Grpc.Core;
using Profiles.Simulation.Data;

namespace Profiles.Simulation.Grpc;

/// <summary>The checks every backend makes on the member ids of a request, with the statuses callers rely on.</summary>
public static class MemberRequests
{
    /// <summary>
    /// A malformed id (zero or negative) is <see cref="StatusCode.InvalidArgument"/>; a well-formed
    /// id outside the member range is <see cref="StatusCode.NotFound"/>.
    /// </summary>
    public static void RequireMember(this ProfileData data, long memberId, string field = "member_id")
    {
        if (memberId <= 0)
        {
            throw InvalidArgument($"{field} must be a positive member id, not {memberId}.");
        }

        if (!data.Exists(memberId))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"Member {memberId} ({field}) does not exist."));
        }
    }

    public static RpcException InvalidArgument(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
