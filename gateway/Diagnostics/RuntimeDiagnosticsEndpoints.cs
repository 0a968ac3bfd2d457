using Profiles.Gateway.Hosting;
using Profiles.Gateway.Profiles;

namespace Profiles.Gateway.Diagnostics;

public static class RuntimeDiagnosticsEndpoints
{
    /// <summary>Maps <c>GET /diagnostics/runtime</c>: the gateway's thread pool, memory and admission now.</summary>
    public static IEndpointRouteBuilder MapRuntimeDiagnostics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/diagnostics/runtime", (AdmissionLimiter admission, DeadlineReserve reserve) => RuntimeSnapshot.Now(admission, reserve));
        return endpoints;
    }
}
