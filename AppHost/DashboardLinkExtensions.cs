using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

public static class DashboardLinkExtensions
{
    /// <summary>
    /// Tells the project where the Aspire dashboard is (<c>Dashboard__Url</c>), so that its page can
    /// link a profile to its trace. The dashboard serves on the AppHost's own URL; without one (the
    /// tests run without a dashboard) nothing is set and the page shows no link.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDashboardLink(this IResourceBuilder<ProjectResource> project)
    {
        var urls = project.ApplicationBuilder.Configuration["ASPNETCORE_URLS"];
        var dashboard = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return dashboard is null ? project : project.WithEnvironment("Dashboard__Url", dashboard);
    }
}
