using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Profiles.Gateway.Hosting;

namespace Profiles.Gateway.Tests;

/// <summary>
/// The limits the gateway's own <c>appsettings.json</c> sets where connections arrive, as the
/// gateway reads them when run: a key misspelt, or a section never bound, would leave the default
/// in place without a word.
/// </summary>
public sealed class FrontDoorTests
{
    [Fact]
    public void Connections_are_capped_below_the_open_files_a_process_may_hold_and_above_ten_thousand()
    {
        using var app = Build();

        var limit = app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxConcurrentConnections;

        Assert.InRange(limit ?? long.MaxValue, 10_001, 19_999);
    }

    [Fact]
    public void The_accept_queue_holds_a_burst_of_new_connections()
    {
        using var app = Build();

        Assert.Equal(8192, app.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value.Backlog);
    }

    private static WebApplication Build()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, ContentRootPath = GatewayProject.Directory });
        builder.AddFrontDoor();
        return builder.Build();
    }
}
