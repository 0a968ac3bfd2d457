using Microsoft.Extensions.Options;
using Profiles.Gateway.Profiles;

namespace Profiles.Gateway.Page;

/// <summary>
/// What the web page (<c>wwwroot/</c>) must know about this gateway before it draws itself: whether
/// to offer the fault panel, and where the dashboard is for a request's trace link.
/// </summary>
public static class PageConfigEndpoints
{
    /// <summary>The dashboard's base URL, injected by the AppHost as <c>Dashboard__Url</c>; absent when no dashboard runs.</summary>
    public const string DashboardUrlKey = "Dashboard:Url";

    public static IEndpointRouteBuilder MapPageConfig(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/page-config", (IOptions<FaultHeaderOptions> faults, IConfiguration configuration) =>
                TypedResults.Ok(new PageConfig(
                    faults.Value.AllowRequestOverrides,
                    configuration[DashboardUrlKey] is { Length: > 0 } url ? url.TrimEnd('/') : null)))
            .WithName("GetPageConfig");
        return endpoints;
    }

    /// <param name="FaultOverridesAllowed">An <c>x-fault</c> header would be honoured (<c>Faults:AllowRequestOverrides</c>), so the page shows its fault panel.</param>
    /// <param name="DashboardUrl">Where a trace link points; null hides the link.</param>
    public sealed record PageConfig(bool FaultOverridesAllowed, string? DashboardUrl);
}
