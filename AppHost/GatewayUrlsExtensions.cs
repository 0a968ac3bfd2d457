using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

public static class GatewayUrlsExtensions
{
    /// <summary>The page's scenarios (<c>gateway/wwwroot/js/main.js</c>), by the name its <c>?scenario=</c> takes.</summary>
    private static readonly (string Scenario, string DisplayText)[] Scenarios =
    [
        ("compare", "Scenario: sequential vs concurrent"),
        ("degraded", "Scenario: a degraded profile"),
        ("cancel", "Scenario: cancel slow backends"),
    ];

    /// <summary>
    /// The gateway's links in the dashboard: its page (the endpoint's own link, renamed), then each of
    /// the page's scenarios, which the page plays on arrival. Added per endpoint rather than as relative
    /// <c>WithUrl</c>s, which would rewrite the endpoint's own link instead of adding one.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPageUrls(this IResourceBuilder<ProjectResource> gateway)
    {
        gateway.WithUrlForEndpoint("http", url => url.DisplayText = "Profile page");
        foreach (var (scenario, displayText) in Scenarios)
        {
            gateway.WithUrlForEndpoint("http", _ => new ResourceUrlAnnotation { Url = $"/?scenario={scenario}", DisplayText = displayText });
        }

        return gateway;
    }
}
