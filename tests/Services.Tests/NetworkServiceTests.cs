using Grpc.Core;
using Profiles.Backends;
using Profiles.Contracts;
using Profiles.Contracts.Network;
using Profiles.Simulation;
using Profiles.Simulation.Data;

namespace Profiles.Services.Tests;

public sealed class NetworkServiceTests(PresenceSilo silo) : IClassFixture<PresenceSilo>
{
    private const long Member = 5_000;
    private const long NearbyViewer = 5_037;

    /// <summary>What most tests ask: the member's network as seen by a viewer near it.</summary>
    private static GetNetworkRequest NearbyRequest() => new() { MemberId = Member, ViewerId = NearbyViewer };

    /// <summary>The presence lookups' <c>ExtraAttemptBurst</c> where a test counts the hedges it allows.</summary>
    private const int BudgetBurst = 3;

    [Fact]
    public async Task Answers_with_counts_degree_and_mutual_connections_with_their_presence()
    {
        await using var host = new BackendHost<NetworkService> { Settings = silo.ClientSettings };
        var client = new Network.NetworkClient(host.CreateChannel());

        var reply = await client.GetNetworkAsync(NearbyRequest(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(Member, reply.MemberId);
        Assert.True(reply.ConnectionCount > 0);
        Assert.True(reply.FollowerCount >= reply.ConnectionCount);
        Assert.NotEqual(Degree.Unspecified, reply.Degree);
        Assert.True(reply.MutualConnectionCount > 0);
        Assert.Equal(Math.Min(10, reply.MutualConnectionCount), reply.MutualConnections.Count);
        Assert.All(reply.MutualConnections, mutual =>
        {
            Assert.NotEmpty(mutual.Name);
            Assert.Equal(ProfileData.Presence(mutual.MemberId).Online, mutual.Online);
            Assert.Equal(ProfileData.Presence(mutual.MemberId).LastSeen, mutual.LastSeen.ToDateTimeOffset());
        });
    }

    [Fact]
    public async Task An_anonymous_viewer_gets_counts_only()
    {
        await using var host = new BackendHost<NetworkService> { Settings = silo.ClientSettings };
        var client = new Network.NetworkClient(host.CreateChannel());

        var reply = await client.GetNetworkAsync(new GetNetworkRequest { MemberId = Member }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(reply.ConnectionCount > 0);
        Assert.Equal(Degree.Unspecified, reply.Degree);
        Assert.Empty(reply.MutualConnections);
    }

    [Theory]
    [InlineData(0, 1, StatusCode.InvalidArgument)]
    [InlineData(Member, -1, StatusCode.InvalidArgument)]
    [InlineData(100_001, 1, StatusCode.NotFound)]
    [InlineData(Member, 100_001, StatusCode.NotFound)]
    public async Task Rejects_malformed_and_unknown_members(long memberId, long viewerId, StatusCode expected)
    {
        await using var host = new BackendHost<NetworkService> { Settings = silo.ClientSettings };
        var client = new Network.NetworkClient(host.CreateChannel());

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.GetNetworkAsync(new GetNetworkRequest { MemberId = memberId, ViewerId = viewerId }, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(expected, error.StatusCode);
    }

    [Fact]
    public async Task A_presence_fault_reaches_the_nested_lookups_and_fails_the_call()
    {
        await using var host = new BackendHost<NetworkService> { Settings = silo.ClientSettings };
        var client = new Network.NetworkClient(host.CreateChannel());
        var plan = $"{PartNames.Presence}=error:internal";

        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetNetworkAsync(
            NearbyRequest(), FaultMetadata.Of(plan),
            cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("presence", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(plan, silo.Lookups.LastFaultHeader);
        await host.WaitForWorkAsync(PartNames.Network, work => work is { Failed: 1, InFlight: 0 });
    }

    [Fact]
    public async Task A_deadline_cancels_the_nested_lookups_in_the_silo_hedges_included()
    {
        await using var host = new BackendHost<NetworkService> { Settings = silo.ClientSettings };
        var client = new Network.NetworkClient(host.CreateChannel());
        await WarmUpAsync(client);
        var (startedBefore, cancelledBefore) = (silo.Lookups.StartedCount, silo.Lookups.CancelledCount);

        // The test server does not relay the DeadlineExceeded status the way Kestrel does (the client may
        // see Unknown), so what is checked is what matters here: the server's own account of the call.
        await Assert.ThrowsAsync<RpcException>(() => client.GetNetworkAsync(
            NearbyRequest(), FaultMetadata.Of($"{PartNames.Presence}=hang"),
            deadline: DateTime.UtcNow.AddMilliseconds(500),
            cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        await host.WaitForWorkAsync(PartNames.Network, work => work is { Cancelled: 1, InFlight: 0 });
        // Hanging lookups are hedged after 50 ms, well before the deadline, as far as the budget goes: more lookups than connections.
        await WaitUntilAsync(() => silo.Lookups.StartedCount - startedBefore > 10
            && silo.Lookups.CancelledCount - cancelledBefore == silo.Lookups.StartedCount - startedBefore);
    }

    [Fact]
    public async Task A_cancelled_call_cancels_every_lookup_hedges_included_and_the_budget_caps_the_hedges()
    {
        await using var host = new BackendHost<NetworkService>
        {
            Settings = new Dictionary<string, string>(silo.ClientSettings) { ["Network:PresenceLookups:ExtraAttemptBurst"] = $"{BudgetBurst}" },
        };
        var client = new Network.NetworkClient(host.CreateChannel());
        var (startedBefore, cancelledBefore) = (silo.Lookups.StartedCount, silo.Lookups.CancelledCount);
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var call = client.GetNetworkAsync(
            NearbyRequest(), FaultMetadata.Of($"{PartNames.Presence}=hang"),
            cancellationToken: caller.Token).ResponseAsync;
        // Ten lookups that hang would each be hedged twice; the budget's burst of three is all the hedges there are.
        await WaitUntilAsync(() => silo.Lookups.StartedCount - startedBefore == 10 + BudgetBurst);
        await caller.CancelAsync();

        // As with deadlines, the test server's status is no guide (Unknown here); the server's own account is.
        await Assert.ThrowsAsync<RpcException>(() => call);
        await host.WaitForWorkAsync(PartNames.Network, work => work is { Cancelled: 1, InFlight: 0 });
        await WaitUntilAsync(() => silo.Lookups.CancelledCount - cancelledBefore == 10 + BudgetBurst);
        Assert.Equal(10 + BudgetBurst, silo.Lookups.StartedCount - startedBefore);
    }

    [Fact]
    public async Task With_hedging_off_the_caller_s_lookups_are_not_hedged()
    {
        await using var host = new BackendHost<NetworkService> { Settings = silo.ClientSettings };
        var client = new Network.NetworkClient(host.CreateChannel());
        await WarmUpAsync(client);
        var (startedBefore, cancelledBefore) = (silo.Lookups.StartedCount, silo.Lookups.CancelledCount);
        var headers = FaultMetadata.Of($"{PartNames.Presence}=hang");
        headers.Add(HedgingMetadata.HeaderName, HedgingMetadata.Off);

        // Hedges would go out 50 ms after each lookup; the call waits ten times as long before its deadline ends it.
        await Assert.ThrowsAsync<RpcException>(() => client.GetNetworkAsync(
            NearbyRequest(), headers,
            deadline: DateTime.UtcNow.AddMilliseconds(500),
            cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        await host.WaitForWorkAsync(PartNames.Network, work => work is { Cancelled: 1, InFlight: 0 });
        await WaitUntilAsync(() => silo.Lookups.CancelledCount - cancelledBefore == 10);
        Assert.Equal(10, silo.Lookups.StartedCount - startedBefore);
    }

    [Fact]
    public async Task A_lookup_that_hangs_is_hedged_and_the_hedge_carries_the_fault_plan()
    {
        // A budget for every hung lookup's hedge: this is about the hedges, not about how many there may be.
        await using var host = new BackendHost<NetworkService>
        {
            Settings = new Dictionary<string, string>(silo.ClientSettings) { ["Network:PresenceLookups:ExtraAttemptBurst"] = "20" },
        };
        var client = new Network.NetworkClient(host.CreateChannel());
        var request = NearbyRequest();
        // Unhedged: hedges that a cold silo's lookups sent here would spend the budget the hung
        // lookups need (one CI run on a busy machine: the call waited out Orleans' 30 s for them).
        var expected = await WarmUpAsync(client);
        var (startedBefore, cancelledBefore) = (silo.Lookups.StartedCount, silo.Lookups.CancelledCount);
        silo.Lookups.HangNextLookupOf(expected.MutualConnections.Select(mutual => mutual.MemberId));
        var plan = $"{PartNames.Presence}=latency:1ms";

        // Without a hedge the hung lookups would hold the call until this deadline.
        var reply = await client.GetNetworkAsync(request, FaultMetadata.Of(plan),
            deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(expected.MutualConnections, reply.MutualConnections);
        Assert.InRange(silo.Lookups.StartedCount - startedBefore, 20, 30);
        Assert.All(silo.Lookups.FaultHeaders.Skip(startedBefore), header => Assert.Equal(plan, header));
        // The hung first lookups lost to their hedges; their cancellation reached the grain.
        await WaitUntilAsync(() => silo.Lookups.CancelledCount - cancelledBefore >= 10);
    }

    /// <summary>
    /// Two unhedged calls before a test that needs its deadline, or its budget, for the lookups. The
    /// first activates the grains, so a cold start on a busy machine cannot use up the deadline before
    /// they begin. The second makes most of the recent latencies warm ones: cold ones, and hedges lost
    /// to them, would rightly lift the hedging delay beyond the deadline (<see cref="Profiles.Resilience.LatencyTracker"/>).
    /// Unhedged, neither spends the backend's budget for hedges. Returns the second's reply.
    /// </summary>
    private static async Task<NetworkReply> WarmUpAsync(Network.NetworkClient client)
    {
        var unhedged = new Metadata { { HedgingMetadata.HeaderName, HedgingMetadata.Off } };
        await client.GetNetworkAsync(NearbyRequest(), unhedged, cancellationToken: TestContext.Current.CancellationToken);
        return await client.GetNetworkAsync(NearbyRequest(), unhedged, cancellationToken: TestContext.Current.CancellationToken);
    }

    private async Task WaitUntilAsync(Func<bool> condition)
    {
        var giveUpAt = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < giveUpAt, $"The silo never got there: {silo.Lookups.StartedCount} lookups started, {silo.Lookups.CancelledCount} cancelled.");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
