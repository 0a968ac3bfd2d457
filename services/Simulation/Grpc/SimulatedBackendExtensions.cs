using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Profiles.Contracts;
using Profiles.Simulation.Admin;
using Profiles.Simulation.Data;

namespace Profiles.Simulation.Grpc;

public static class SimulatedBackendExtensions
{
    /// <summary>
    /// Kestrel's default is 100 concurrent streams per HTTP/2 connection, so a burst of calls makes
    /// the gateway open a new connection per hundred calls to each backend, just when it is busiest.
    /// Measured with 10,000 profile requests in flight: calls failed with connections reset by the
    /// backend, the circuit breakers opened, and almost nothing was answered; with one connection
    /// able to carry every call, all 10,000 were. A high limit costs nothing when calls are few.
    /// <c>Kestrel:Limits</c> in configuration overrides it.
    /// </summary>
    public const int MaxStreamsPerConnection = 10_000;

    /// <summary>
    /// Sets up a gRPC backend that serves <typeparamref name="TService"/> as <paramref name="part"/>
    /// of a profile: the simulation (faults, member range, work accounting, profile data), gRPC with
    /// the fault-injecting interceptor, gRPC health checks and reflection.
    /// </summary>
    public static WebApplicationBuilder AddSimulatedBackend<TService>(this WebApplicationBuilder builder, string part)
        where TService : class
    {
        if (!PartNames.IsKnown(part))
        {
            throw new ArgumentException($"Unknown part '{part}'; expected one of {string.Join(", ", PartNames.All)}.", nameof(part));
        }

        builder.AddSimulation();
        builder.Services.AddSingleton<ProfileData>();
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.Http2.MaxStreamsPerConnection = MaxStreamsPerConnection);
        builder.Services.Configure<KestrelServerOptions>(builder.Configuration.GetSection("Kestrel"));

        // On the backend's own service only: the health and reflection services must answer
        // promptly and go uncounted while a fault makes the backend hang.
        builder.Services.AddGrpc()
            .AddServiceOptions<TService>(options => options.Interceptors.Add<SimulatedBackendInterceptor>(part));
        builder.Services.AddGrpcHealthChecks();
        builder.Services.AddGrpcReflection();
        return builder;
    }

    /// <summary>
    /// Maps <typeparamref name="TService"/>, the gRPC health service (reporting <c>/health</c>'s checks),
    /// reflection, <c>/diagnostics/work</c>, <c>/health</c>, <c>/alive</c> and, in development, <c>/admin/faults</c>.
    /// </summary>
    public static WebApplication MapSimulatedBackend<TService>(this WebApplication app)
        where TService : class
    {
        app.MapGrpcService<TService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        app.MapBackendDiagnostics();
        app.MapFaultAdmin();
        app.MapDefaultEndpoints();
        return app;
    }
}
