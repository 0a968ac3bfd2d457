using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Profiles.E2E;

/// <summary>
/// The dashboard the AppHost serves, driven as a person would: log in with the printed link, look
/// at the resources, follow a profile request's trace, read a console, restart a service.
/// </summary>
[Collection(nameof(BrowserAndSystem))]
public sealed class DashboardTests(SystemFixture system) : BrowserTest(system)
{
    /// <summary>Spans reach the dashboard on the services' export interval: allow a few of them.</summary>
    private static readonly TimeSpan TelemetryArrival = TimeSpan.FromSeconds(45);

    /// <summary>The seven processes of the fan-out: the gateway, five gRPC services, the silo.</summary>
    private const int FanOutResources = 7;

    [Fact]
    public async Task Resources_page_shows_every_resource_running()
    {
        await LogInAsync();

        var rows = Page.Locator("table[data-testid=resources] tr[data-resource]");
        await Expect(rows).ToHaveCountAsync(System.App.ResourceNotifications.GetSnapshots().Count);
        await Expect(Page.Locator("tr[data-resource]:not([data-state=Running])")).ToHaveCountAsync(0);
        foreach (var resource in new[] { "gateway", "members", "experience", "network", "skills", "activity", "silo" })
        {
            await Expect(Page.Locator($"tr[data-resource={resource}]").First).ToContainTextAsync("Running");
        }
    }

    [Fact]
    public async Task A_profile_request_opens_as_a_waterfall_with_its_critical_path()
    {
        await LogInAsync();
        var traceId = await DashboardProfileRequest.SendAsync(System.GatewayUrl, TestContext.Current.CancellationToken);

        await OpenTraceAsync(traceId);

        await Expect(Page.Locator("[data-testid=critical-path]")).ToBeVisibleAsync();
        await Expect(Page.Locator(".wf-row[data-critical=true]").Nth(1)).ToBeVisibleAsync();
        // The search dims what does not match and says how many do.
        await Page.GetByTestId("trace-search").FillAsync("profile.part");
        await Expect(Page.GetByText("spans match")).ToBeVisibleAsync();
        // A span's panel shows its attributes.
        await Page.Locator(".wf-row[data-critical=true]").Nth(1).ClickAsync();
        await Expect(Page.GetByTestId("span-panel")).ToContainTextAsync("Attributes");
    }

    [Fact]
    public async Task The_console_of_gateway_shows_its_lines()
    {
        await LogInAsync();

        await Page.GotoAsync(DashboardUrl("consolelogs/gateway"));

        await Expect(Page.Locator("[data-testid=console] .console-line:not(.muted)").First).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("console")).ToContainTextAsync("Now listening on");
    }

    [Fact]
    public async Task Restarting_skills_from_the_page_brings_it_back_running()
    {
        await LogInAsync();
        var skills = Page.Locator("tr[data-resource=skills]");
        await Expect(skills).ToHaveAttributeAsync("data-state", "Running");
        var processId = await skills.Locator("td").Nth(5).TextContentAsync();

        await skills.GetByRole(AriaRole.Button, new() { Name = "Restart" }).ClickAsync();

        await Expect(skills.Locator("td").Nth(5)).Not.ToHaveTextAsync(processId!, new() { Timeout = 60_000 });
        await Expect(skills).ToHaveAttributeAsync("data-state", "Running", new() { Timeout = 60_000 });
    }

    /// <summary>Writes the README's two pictures, from a real run, when everything they show is there.</summary>
    [Fact]
    public async Task Screenshots_for_the_README()
    {
        await Page.SetViewportSizeAsync(1440, 900);
        await LogInAsync();
        await Expect(Page.Locator("tr[data-resource]:not([data-state=Running])")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await Page.ScreenshotAsync(new() { Path = ReadmeImage("dashboard-resources.png") });

        var traceId = await DashboardProfileRequest.SendAsync(System.GatewayUrl, TestContext.Current.CancellationToken);
        await OpenTraceAsync(traceId);
        await Page.Locator(".wf-row[data-critical=true]").Nth(1).ClickAsync();
        await Expect(Page.GetByTestId("span-panel")).ToBeVisibleAsync();
        await Page.EvaluateAsync("window.scrollTo(0, 0)");
        await Page.ScreenshotAsync(new() { Path = ReadmeImage("dashboard-trace.png") });
    }

    private string DashboardUrl(string path) => new Uri(System.App.Dashboard.Url, path).ToString();

    private async Task LogInAsync()
    {
        await Page.GotoAsync(System.App.Dashboard.LoginUrl.ToString());
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Resources" })).ToBeVisibleAsync();
    }

    /// <summary>Opens the trace's page, which follows the spans as they arrive, until every process of the fan-out has reported.</summary>
    private async Task OpenTraceAsync(string traceId)
    {
        await Page.GotoAsync(DashboardUrl($"traces/detail/{traceId}"));
        var deadline = DateTimeOffset.UtcNow + TelemetryArrival;
        while (await DistinctResourcesAsync() < FanOutResources)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"The trace {traceId} has spans of {await DistinctResourcesAsync()} resources, not {FanOutResources}.");
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
    }

    private async Task<int> DistinctResourcesAsync()
    {
        var rows = Page.Locator(".wf-row[data-resource]");
        var resources = new HashSet<string>();
        for (var index = 0; index < await rows.CountAsync(); index++)
        {
            resources.Add(await rows.Nth(index).GetAttributeAsync("data-resource") ?? "");
        }

        return resources.Count;
    }

    /// <summary>docs/images/ of this repository, found from this file's own path.</summary>
    private static string ReadmeImage(string fileName, [CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "docs", "images", fileName);
}
