using Grpc.Core;
using Profiles.Contracts.Skills;
using Profiles.Simulation.Data;
using Profiles.Simulation.Grpc;

namespace Profiles.Backends;

public sealed class SkillsService(ProfileData data) : Skills.SkillsBase
{
    private const int DefaultLimit = 10;
    private const int MaxLimit = 50;

    public override Task<SkillsReply> GetSkills(GetSkillsRequest request, ServerCallContext context)
    {
        var limit = request.Limit switch
        {
            0 => DefaultLimit,
            >= 1 and <= MaxLimit => request.Limit,
            _ => throw MemberRequests.InvalidArgument(
                $"limit must be between 1 and {MaxLimit}, or 0 for the default of {DefaultLimit}; not {request.Limit}."),
        };
        data.RequireMember(request.MemberId);

        var reply = new SkillsReply { MemberId = request.MemberId };
        reply.Skills.AddRange(data.Skills(request.MemberId).Take(limit));
        return Task.FromResult(reply);
    }
}
