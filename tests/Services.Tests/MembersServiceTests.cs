using Grpc.Core;
using Profiles.Backends;
using Profiles.Contracts;
using Profiles.Contracts.Members;
using Profiles.Simulation;

namespace Profiles.Services.Tests;

public sealed class MembersServiceTests(BackendHost<MembersService> host) : IClassFixture<BackendHost<MembersService>>
{
    private readonly Members.MembersClient _client = new(host.CreateChannel());

    [Fact]
    public async Task Answers_with_the_card_of_a_member_in_range()
    {
        var card = await _client.GetMemberAsync(new GetMemberRequest { MemberId = 42 }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(42, card.MemberId);
        Assert.NotEmpty(card.FirstName);
        Assert.NotEmpty(card.Headline);
    }

    [Fact]
    public async Task A_member_outside_the_range_is_not_found()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _client.GetMemberAsync(new GetMemberRequest { MemberId = 100_001 }, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-7)]
    public async Task A_malformed_id_is_an_invalid_argument(long memberId)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _client.GetMemberAsync(new GetMemberRequest { MemberId = memberId }, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("member_id", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_injected_error_fails_the_call_with_its_status()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _client.GetMemberAsync(new GetMemberRequest { MemberId = 42 }, FaultMetadata.Of($"{PartNames.Members}=error:unavailable"),
                cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }
}
