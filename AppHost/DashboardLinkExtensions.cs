using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Aspire.Hosting;

public static class DashboardLinkExtensions
{
    /// <summary>The resource Aspire adds for its dashboard when one runs.</summary>
    private const string DashboardResourceName = "aspire-dashboard";

    /// <summary>
    /// Tells the project where the Aspire dashboard is (<c>Dashboard__Url</c>), so that its page can
    /// link a request to its trace (<c>{dashboard}/traces/detail/{traceId}</c>). The address is the
    /// dashboard resource's own browser endpoint, not the AppHost's <c>ASPNETCORE_URLS</c>: under
    /// Aspire.Hosting.Testing that says <c>localhost:8080</c> while DCP serves the dashboard on a random
    /// port. Without a dashboard (most tests) nothing is set and the page shows no link.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDashboardLink(this IResourceBuilder<ProjectResource> project) =>
        project.WithEnvironment(context =>
        {
            var model = context.ExecutionContext.Services.GetRequiredService<DistributedApplicationModel>();
            if (model.Resources.FirstOrDefault(resource => resource.Name == DashboardResourceName) is IResourceWithEndpoints dashboard
                && dashboard.GetEndpoints().FirstOrDefault(endpoint => endpoint.EndpointName is "https" or "http") is { } browser)
            {
                context.EnvironmentVariables["Dashboard__Url"] = browser;
            }
        });
}
