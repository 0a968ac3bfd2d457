using Grpc.Core;
using Profiles.Backends;
using Profiles.Contracts;
using Profiles.Contracts.Experience;
using Profiles.Simulation;

namespace Profiles.Services.Tests;

public sealed class ExperienceServiceTests
{
    [Fact]
    public async Task Answers_in_range_and_rejects_the_rest()
    {
        await using var host = new BackendHost<ExperienceService>();
        var client = new Experience.ExperienceClient(host.CreateChannel());
        var cancellationToken = TestContext.Current.CancellationToken;

        var reply = await client.GetExperienceAsync(new GetExperienceRequest { MemberId = 7 }, cancellationToken: cancellationToken);
        var notFound = await Assert.ThrowsAsync<RpcException>(() =>
            client.GetExperienceAsync(new GetExperienceRequest { MemberId = 200_000 }, cancellationToken: cancellationToken).ResponseAsync);
        var invalid = await Assert.ThrowsAsync<RpcException>(() =>
            client.GetExperienceAsync(new GetExperienceRequest(), cancellationToken: cancellationToken).ResponseAsync);

        Assert.Equal(7, reply.MemberId);
        Assert.NotEmpty(reply.Positions);
        Assert.NotEmpty(reply.Education);
        Assert.Equal(StatusCode.NotFound, notFound.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
    }

    [Fact]
    public async Task A_call_past_its_deadline_stops_on_the_server()
    {
        await using var host = new BackendHost<ExperienceService>();
        var client = new Experience.ExperienceClient(host.CreateChannel());
        // One call first, so that a cold start on a busy machine cannot use up the deadline before the server sees the call.
        await client.GetExperienceAsync(new GetExperienceRequest { MemberId = 7 }, cancellationToken: TestContext.Current.CancellationToken);

        // The test server does not relay the DeadlineExceeded status the way Kestrel does (the client may
        // see Unknown), so what is checked is what matters here: the server's own account of the call.
        await Assert.ThrowsAsync<RpcException>(() => client.GetExperienceAsync(
            new GetExperienceRequest { MemberId = 7 },
            FaultMetadata.Of($"{PartNames.Experience}=hang"),
            deadline: DateTime.UtcNow.AddMilliseconds(200),
            cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        await host.WaitForWorkAsync(PartNames.Experience, work => work is { Cancelled: 1, InFlight: 0 });
        Assert.Equal(1, host.WorkOf(PartNames.Experience).Completed);
    }
}
