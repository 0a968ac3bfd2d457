using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Profiles.Gateway.Hosting;

public static class FrontDoorExtensions
{
    /// <summary>
    /// The gateway is where bursts of new clients arrive. The first limit they meet is not Kestrel's
    /// but the listening socket's accept queue (<see cref="SocketTransportOptions.Backlog"/>, 512 by
    /// default): once it is full the kernel drops further connection attempts, and each client tries
    /// again only after 1 s, then 3 s, then 7 s — seconds of latency that no server metric shows.
    /// The <c>SocketTransport</c> section sets it (the kernel caps it at <c>net.core.somaxconn</c>).
    /// Then Kestrel's own limits (<c>Kestrel:Limits</c>, which ASP.NET Core reads only for the
    /// endpoints unless bound): past <see cref="KestrelServerLimits.MaxConcurrentConnections"/> a new
    /// connection is closed at once, where a process out of open files stops altogether.
    /// </summary>
    public static WebApplicationBuilder AddFrontDoor(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<SocketTransportOptions>(builder.Configuration.GetSection("SocketTransport"));
        builder.Services.Configure<KestrelServerOptions>(builder.Configuration.GetSection("Kestrel"));
        return builder;
    }
}
