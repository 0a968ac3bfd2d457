using Grpc.Core;
using Microsoft.Extensions.Options;
using Profiles.Contracts.Activity;
using Profiles.Simulation.Data;
using Profiles.Simulation.Grpc;

namespace Profiles.Backends;

/// <summary>
/// Streams a member's feed newest first, one paced post at a time, so that a caller that takes the
/// first few and cancels leaves this stream midway, and the stream stops there. The first post goes
/// out at once: the call's latency (its fault) is the time to the first post, as for every other
/// part; the pause is what each further post costs.
/// </summary>
public sealed class ActivityService(ProfileData data, TimeProvider timeProvider, IOptions<ActivityOptions> options) : Activity.ActivityBase
{
    public override async Task StreamPosts(StreamPostsRequest request, IServerStreamWriter<Post> responseStream, ServerCallContext context)
    {
        data.RequireMember(request.MemberId);

        foreach (var (index, post) in data.Feed(request.MemberId).Index())
        {
            if (index > 0)
            {
                await Task.Delay(options.Value.PostInterval, timeProvider, context.CancellationToken);
            }

            await responseStream.WriteAsync(post, context.CancellationToken);
        }
    }
}
