using Grpc.Core;
using Microsoft.Extensions.Options;
using Profiles.Contracts.Activity;
using Profiles.Simulation.Data;
using Profiles.Simulation.Grpc;

namespace Profiles.Backends;

/// <summary>
/// Streams a member's feed newest first, one paced post at a time, so that a caller that takes the
/// first few and cancels leaves this stream midway, and the stream stops there.
/// </summary>
public sealed class ActivityService(ProfileData data, TimeProvider timeProvider, IOptions<ActivityOptions> options) : Activity.ActivityBase
{
    public override async Task StreamPosts(StreamPostsRequest request, IServerStreamWriter<Post> responseStream, ServerCallContext context)
    {
        data.RequireMember(request.MemberId);

        foreach (var post in data.Feed(request.MemberId))
        {
            await Task.Delay(options.Value.PostInterval, timeProvider, context.CancellationToken);
            await responseStream.WriteAsync(post, context.CancellationToken);
        }
    }
}
