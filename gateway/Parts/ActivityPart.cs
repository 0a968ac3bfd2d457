using Grpc.Core;
using Profiles.Contracts.Activity;
using Profiles.Gateway.Profiles;
using Profiles.Gateway.Resilience;
using Profiles.Gateway.Scopes;
using PartNames = Profiles.Simulation.Parts;

namespace Profiles.Gateway.Parts;

/// <summary>
/// Recent posts from a server stream: take the first N, then dispose the call, which cancels the
/// stream so the service stops producing a feed nobody reads.
/// </summary>
public sealed class ActivityPart(Activity.ActivityClient client, [FromKeyedServices(PartNames.Activity)] PartPipeline<ActivitySection> pipeline)
    : ProfilePart<ActivitySection>(pipeline)
{
    public override string Name => PartNames.Activity;

    protected override async Task<ActivitySection> FetchAsync(ProfileQuery query, ChildContext context, CancellationToken cancellationToken)
    {
        using var call = client.StreamPosts(Request(query), CallOptionsFactory.ForGrpc(query, context, cancellationToken));
        var posts = new List<PostEntry>(query.Posts);
        while (posts.Count < query.Posts && await call.ResponseStream.MoveNext(cancellationToken))
        {
            posts.Add(ToEntry(call.ResponseStream.Current));
        }

        return new ActivitySection(posts);
    }

    /// <summary>gRPC has no synchronous streaming API; blocking on each read is what a thread-per-request server would do.</summary>
    protected override ActivitySection Fetch(ProfileQuery query, ChildContext context, CancellationToken cancellationToken)
    {
        using var call = client.StreamPosts(Request(query), CallOptionsFactory.ForGrpc(query, context, cancellationToken));
        var posts = new List<PostEntry>(query.Posts);
        while (posts.Count < query.Posts && call.ResponseStream.MoveNext(cancellationToken).GetAwaiter().GetResult())
        {
            posts.Add(ToEntry(call.ResponseStream.Current));
        }

        return new ActivitySection(posts);
    }

    protected override void Place(ProfileResponse response, ActivitySection section) => response.Activity = section;

    private static StreamPostsRequest Request(ProfileQuery query) => new() { MemberId = query.MemberId };

    private static PostEntry ToEntry(Post post) =>
        new(post.PostId, post.Text, post.PostedAt.ToDateTimeOffset(), post.Reactions, post.Comments);
}
