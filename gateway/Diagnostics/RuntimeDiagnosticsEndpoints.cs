namespace Profiles.Gateway.Diagnostics;

public static class RuntimeDiagnosticsEndpoints
{
    /// <summary>Maps <c>GET /diagnostics/runtime</c>: the gateway's thread pool and memory now.</summary>
    public static IEndpointRouteBuilder MapRuntimeDiagnostics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/diagnostics/runtime", RuntimeSnapshot.Now);
        return endpoints;
    }
}
