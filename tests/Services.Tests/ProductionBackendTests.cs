using System.Net;
using Microsoft.Extensions.Hosting;
using Profiles.Backends;
using Profiles.Contracts;
using Profiles.Contracts.Members;
using Profiles.Simulation.Admin;

namespace Profiles.Services.Tests;

/// <summary>
/// A backend outside Development, with its own configuration (<c>appsettings.json</c>, not the
/// Development file that allows <c>x-fault</c>): nobody can change its faults, neither through the
/// admin endpoint nor per request. It holds an admin key all the same, as if one had leaked into
/// its settings, so that a 404 cannot be the keyless refusal in disguise.
/// </summary>
public sealed class ProductionBackendTests : IAsyncLifetime
{
    private const string Key = "a-key-this-process-holds";

    private readonly BackendHost<MembersService> _host = new()
    {
        Environment = Environments.Production,
        Settings = new Dictionary<string, string> { ["Faults:AdminKey"] = Key },
    };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Production_maps_no_admin_endpoint_even_for_the_right_key()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, FaultAdminEndpoints.Path)
        {
            Headers = { { FaultAdminEndpoints.KeyHeader, Key } },
            Content = new StringContent("*=error:unavailable"),
        };

        using var response = await _host.CreateClient().SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(42, (await GetMemberAsync(faults: null)).MemberId);
    }

    [Fact]
    public async Task Production_ignores_the_x_fault_header()
    {
        var card = await GetMemberAsync(FaultMetadata.Of($"{PartNames.Members}=error:unavailable"));

        Assert.Equal(42, card.MemberId);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task<MemberCard> GetMemberAsync(Grpc.Core.Metadata? faults) =>
        await new Members.MembersClient(_host.CreateChannel()).GetMemberAsync(new GetMemberRequest { MemberId = 42 }, faults, cancellationToken: Cancellation);
}
