using Profiles.Gateway.Hosting;
using Profiles.Gateway.Profiles;
using Profiles.Resilience;

namespace Profiles.Gateway.Diagnostics;

public static class RuntimeDiagnosticsEndpoints
{
    /// <summary>Maps <c>GET /diagnostics/runtime</c>: the gateway's thread pool, memory, admission and hedging delays now.</summary>
    public static IEndpointRouteBuilder MapRuntimeDiagnostics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/diagnostics/runtime", (AdmissionLimiter admission, DeadlineReserve reserve, HedgingDelayTelemetry hedging) =>
            RuntimeSnapshot.Now(admission, reserve, hedging));
        return endpoints;
    }
}
