using Grpc.Core;
using Profiles.Backends;
using Profiles.Contracts;
using Profiles.Contracts.Activity;
using Profiles.Simulation;
using Profiles.Simulation.Data;

namespace Profiles.Services.Tests;

public sealed class ActivityServiceTests
{
    [Fact]
    public async Task Streams_the_whole_feed_newest_first()
    {
        await using var host = new BackendHost<ActivityService>();
        var client = new Activity.ActivityClient(host.CreateChannel());

        using var call = client.StreamPosts(new StreamPostsRequest { MemberId = 5 }, cancellationToken: TestContext.Current.CancellationToken);
        var posts = await call.ResponseStream.ReadAllAsync(TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(ProfileData.FeedLength, posts.Count);
        Assert.Equal(posts.OrderByDescending(post => post.PostedAt), posts);
        await host.WaitForWorkAsync(PartNames.Activity, work => work is { Completed: 1, InFlight: 0 });
    }

    [Fact]
    public async Task Taking_five_posts_and_cancelling_stops_the_stream_on_the_server()
    {
        // Slow enough that the stream cannot finish on its own while the test reads five posts.
        await using var host = new BackendHost<ActivityService> { Settings = new Dictionary<string, string> { ["Activity:PostInterval"] = "00:00:00.050" } };
        var client = new Activity.ActivityClient(host.CreateChannel());
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        using var call = client.StreamPosts(new StreamPostsRequest { MemberId = 5 }, cancellationToken: cancellation.Token);
        var taken = await call.ResponseStream.ReadAllAsync(cancellation.Token).Take(5).ToListAsync(TestContext.Current.CancellationToken);
        await cancellation.CancelAsync();

        Assert.Equal(5, taken.Count);
        await host.WaitForWorkAsync(PartNames.Activity, work => work is { Cancelled: 1, InFlight: 0 });
        Assert.Equal(0, host.WorkOf(PartNames.Activity).Completed);
    }

    [Fact]
    public async Task Rejects_malformed_and_unknown_members()
    {
        await using var host = new BackendHost<ActivityService>();
        var client = new Activity.ActivityClient(host.CreateChannel());

        var invalid = await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync(client, -1));
        var notFound = await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync(client, 100_001));
        var injected = await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync(client, 5, FaultMetadata.Of($"{PartNames.Activity}=error:resource_exhausted")));

        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Equal(StatusCode.NotFound, notFound.StatusCode);
        Assert.Equal(StatusCode.ResourceExhausted, injected.StatusCode);
    }

    private static async Task ReadAllAsync(Activity.ActivityClient client, long memberId, Metadata? headers = null)
    {
        using var call = client.StreamPosts(new StreamPostsRequest { MemberId = memberId }, headers, cancellationToken: TestContext.Current.CancellationToken);
        await foreach (var _ in call.ResponseStream.ReadAllAsync(TestContext.Current.CancellationToken))
        {
        }
    }
}
