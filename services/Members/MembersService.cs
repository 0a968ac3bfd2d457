using Grpc.Core;
using Profiles.Contracts.Members;
using Profiles.Simulation.Data;
using Profiles.Simulation.Grpc;

namespace Profiles.Backends;

public sealed class MembersService(ProfileData data) : Members.MembersBase
{
    public override Task<MemberCard> GetMember(GetMemberRequest request, ServerCallContext context)
    {
        data.RequireMember(request.MemberId);
        return Task.FromResult(data.Member(request.MemberId));
    }
}
