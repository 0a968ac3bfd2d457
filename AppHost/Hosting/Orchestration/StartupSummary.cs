using Profiles.AppHost.Dashboard;

namespace Profiles.AppHost.Hosting.Orchestration;

/// <summary>What the AppHost prints once every resource is healthy: where to go, then where everything is.</summary>
internal static class StartupSummary
{
    private const string GatewayResourceName = "gateway";

    public static void Print(ConsolePrinter printer, IReadOnlyList<ProjectResource> projects, DashboardAccess dashboard)
    {
        var gateway = projects.FirstOrDefault(project => project.Name == GatewayResourceName);
        if (gateway is not null)
        {
            printer.Print($"Gateway: http://localhost:{gateway.GetEndpoint(ProjectResource.HttpEndpointName).Port}");
        }

        printer.Print($"Dashboard: {(dashboard.Unsecured ? dashboard.Url : dashboard.LoginUrl)}");
        if (!dashboard.Unsecured)
        {
            // Scripts use the JSON API with this key; it is no more secret than the login link above it.
            printer.Print($"  API key ({DashboardAccess.ApiKeyHeader}): {dashboard.ApiKey}");
        }

        var nameWidth = projects.Select(project => ConsolePrinter.DisplayName(project, project.Replicas - 1).Length).DefaultIfEmpty(0).Max();
        foreach (var project in projects)
        {
            for (var replica = 0; replica < project.Replicas; replica++)
            {
                var endpoints = project.GetEndpoints(replica).Select(endpoint => $"{endpoint.Name} {endpoint.Url.ToString().TrimEnd('/')}");
                printer.Print($"  {ConsolePrinter.DisplayName(project, replica).PadRight(nameWidth)}  {string.Join("  ", endpoints)}");
            }
        }
    }
}
