using Grpc.Core;
using Profiles.Contracts.Experience;
using Profiles.Simulation.Data;
using Profiles.Simulation.Grpc;

namespace Profiles.Backends;

public sealed class ExperienceService(ProfileData data) : Experience.ExperienceBase
{
    public override Task<ExperienceReply> GetExperience(GetExperienceRequest request, ServerCallContext context)
    {
        data.RequireMember(request.MemberId);
        return Task.FromResult(data.Experience(request.MemberId));
    }
}
