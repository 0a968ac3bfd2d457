using Grpc.Core;
using Profiles.Contracts;
using Profiles.Contracts.Activity;
using Profiles.Gateway.Profiles;
using Profiles.Gateway.Resilience;

namespace Profiles.Gateway.Parts;

/// <summary>
/// Recent posts from a server stream: take the first N, then dispose the call, which cancels the
/// stream so the service stops producing a feed nobody reads. The reads take no token: the call is
/// disposed when the attempt's token fires (<see cref="DisposeOnCancelInterceptor"/>), which ends them.
/// </summary>
public sealed class ActivityPart(Activity.ActivityClient client, [FromKeyedServices(PartNames.Activity)] PartPipeline<ActivitySection> pipeline)
    : GrpcPart<ActivitySection>(pipeline)
{
    public override string Name => PartNames.Activity;

    protected override async Task<ActivitySection> CallAsync(ProfileQuery query, CallOptions options)
    {
        using var call = client.StreamPosts(new StreamPostsRequest { MemberId = query.MemberId }, options);
        var posts = new List<PostEntry>(query.Posts);
        while (posts.Count < query.Posts && await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            posts.Add(ToEntry(call.ResponseStream.Current));
        }

        return new ActivitySection(posts);
    }

    protected override void Place(ProfileResponse response, ActivitySection section) => response.Activity = section;

    private static PostEntry ToEntry(Post post) =>
        new(post.PostId, post.Text, post.PostedAt.ToDateTimeOffset(), post.Reactions, post.Comments);
}
