using System.Net.Http.Json;
using Grpc.Core;
using Grpc.Health.V1;
using Profiles.Backends;
using Profiles.Contracts;
using Profiles.Contracts.Skills;
using Profiles.Simulation;
using Profiles.Simulation.Work;

namespace Profiles.Services.Tests;

public sealed class SkillsServiceTests(BackendHost<SkillsService> host) : IClassFixture<BackendHost<SkillsService>>
{
    private readonly Skills.SkillsClient _client = new(host.CreateChannel());

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    public async Task Answers_with_the_most_endorsed_skills_up_to_the_limit(int limit, int expected)
    {
        var reply = await _client.GetSkillsAsync(new GetSkillsRequest { MemberId = 99, Limit = limit }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(99, reply.MemberId);
        Assert.Equal(expected, reply.Skills.Count);
        Assert.Equal(reply.Skills.OrderByDescending(skill => skill.Endorsements), reply.Skills);
    }

    [Fact]
    public async Task The_largest_limit_returns_every_skill_there_is()
    {
        var reply = await _client.GetSkillsAsync(new GetSkillsRequest { MemberId = 99, Limit = 50 }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.InRange(reply.Skills.Count, 6, 50);
    }

    [Theory]
    [InlineData(99, -1)]
    [InlineData(99, 51)]
    [InlineData(0, 10)]
    public async Task A_malformed_request_is_an_invalid_argument(long memberId, int limit)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _client.GetSkillsAsync(new GetSkillsRequest { MemberId = memberId, Limit = limit }, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task A_member_outside_the_range_is_not_found()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _client.GetSkillsAsync(new GetSkillsRequest { MemberId = 100_001 }, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task A_cancelled_call_stops_on_the_server_while_health_still_answers()
    {
        await using var backend = new BackendHost<SkillsService>();
        var channel = backend.CreateChannel();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var call = new Skills.SkillsClient(channel).GetSkillsAsync(
            new GetSkillsRequest { MemberId = 99 }, FaultMetadata.Of($"{PartNames.Skills}=hang"), cancellationToken: cancellation.Token);
        await backend.WaitForWorkAsync(PartNames.Skills, work => work.InFlight == 1);

        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);

        // Which status the client reports (its own Cancelled, or the test server's relay of the handler's
        // end) is a race in-process; what is checked is the server's own account of the call.
        await cancellation.CancelAsync();
        await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        await backend.WaitForWorkAsync(PartNames.Skills, work => work is { Cancelled: 1, InFlight: 0 });
        var reported = await backend.CreateClient().GetFromJsonAsync<Dictionary<string, BackendWorkSnapshot>>("/diagnostics/work", TestContext.Current.CancellationToken);
        Assert.Equal(new BackendWorkSnapshot(InFlight: 0, Completed: 0, Cancelled: 1, Failed: 0), reported![PartNames.Skills]);
    }
}
