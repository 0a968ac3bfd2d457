using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Profiles.AppHost.Dashboard.Pages.Common;
using Profiles.AppHost.Dashboard.Pages.ConsoleLogs;

namespace Profiles.AppHost.Dashboard.Pages;

/// <summary>
/// The dashboard's pages as two calls for the dashboard's hosting: the services the pages need,
/// and the endpoints that serve them (the Blazor components, their static files, the console log download).
/// </summary>
public static class DashboardPagesExtensions
{
    public static IServiceCollection AddDashboardPages(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddSingleton<ResourcePalette>();
        return services;
    }

    public static WebApplication MapDashboardPages(this WebApplication app)
    {
        app.UseAntiforgery();
        // Stylesheet and Blazor's script hold no secret, and the login page needs them before the cookie.
        app.MapStaticAssets().AllowAnonymous();
        app.MapConsoleLogDownload();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
