using Microsoft.Playwright;
using Profiles.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace Profiles.E2E;

/// <summary>
/// The real Aspire dashboard, driven as a person would: log in with the token, look at the
/// resources, follow a profile request's trace, read a console, restart a service.
/// </summary>
[Collection(nameof(BrowserAndSystem))]
public sealed class DashboardTests(SystemFixture system) : BrowserTest(system)
{
    /// <summary>Spans reach the dashboard on the services' export interval, later on a loaded machine.</summary>
    private static readonly TimeSpan TelemetryArrival = TimeSpan.FromSeconds(60);

    /// <summary>The processes of the fan-out: the gateway, five gRPC services, the silo (a replica counts once or more).</summary>
    private const int FanOutResources = 7;

    private static readonly LocatorAssertionsToHaveAttributeOptions Restarting = new() { Timeout = 90_000 };

    private DashboardPage Dashboard => new(Page, System.DashboardUrl, System.LoginUrl);

    [Fact]
    public async Task Resources_page_shows_every_resource_running_and_healthy_each_silo_replica_on_its_own_row()
    {
        await Dashboard.LogInAsync();

        var replicas = Dashboard.Rows.Filter(new() { HasText = "silo-" });
        await Expect(replicas).ToHaveCountAsync(System.System.Options.SiloReplicas);
        await Expect(Dashboard.Rows).ToHaveCountAsync(DistributedSystem.Resources.Length - 1 + System.System.Options.SiloReplicas);
        foreach (var resource in DistributedSystem.Resources.Where(resource => resource != "silo"))
        {
            await Expect(DashboardPage.StateCell(Dashboard.Row(resource))).ToHaveAttributeAsync("title", "Running", ProfilePage.Patiently);
        }

        for (var replica = 0; replica < System.System.Options.SiloReplicas; replica++)
        {
            await Expect(DashboardPage.StateCell(replicas.Nth(replica))).ToHaveAttributeAsync("title", "Running", ProfilePage.Patiently);
        }
    }

    [Fact]
    public async Task A_profile_requests_trace_shows_spans_from_every_process_of_the_fan_out()
    {
        await Dashboard.LogInAsync();
        var traceId = await DashboardProfileRequest.SendAsync(System.GatewayUrl, TestContext.Current.CancellationToken);

        var resources = await OpenTraceAsync(traceId);

        Assert.True(resources >= FanOutResources, $"The trace {traceId} has spans of {resources} resources, not {FanOutResources}.");
        await Expect(Page.Locator("table.trace-view-grid .span-name-container", new() { HasText = "profile.part members" })).Not.ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_console_of_gateway_shows_its_lines()
    {
        await Dashboard.LogInAsync();

        await Dashboard.GotoAsync("consolelogs/resource/gateway");

        await Expect(Page.Locator(".log-line-row .log-content").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(Page.Locator("#logContainer")).ToContainTextAsync("Now listening on", new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task Restarting_skills_from_its_actions_menu_brings_it_back_running_as_a_new_process()
    {
        await Dashboard.LogInAsync();
        var skills = Dashboard.Row("skills");
        await Expect(DashboardPage.StateCell(skills)).ToHaveAttributeAsync("title", "Running");
        var startedAt = await DashboardPage.StartTimeCell(skills).GetAttributeAsync("title");
        var process = System.System.ProcessIds()["skills"].Single();

        await Dashboard.RunCommandAsync("skills", "Restart");

        await Expect(DashboardPage.StartTimeCell(skills)).Not.ToHaveAttributeAsync("title", startedAt!, Restarting);
        await Expect(DashboardPage.StateCell(skills)).ToHaveAttributeAsync("title", "Running", Restarting);
        Assert.NotEqual(process, System.System.ProcessIds()["skills"].Single());
    }

    [Fact]
    public async Task Screenshots_for_the_README()
    {
        ReadmeScreenshots.SkipUnlessEnabled();
        await Page.SetViewportSizeAsync(1440, 900);
        await Dashboard.LogInAsync();
        await Expect(Page.Locator("td[col-index='2']:not([title='Running'])")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await Page.ScreenshotAsync(new() { Path = ReadmeScreenshots.PathOf("dashboard-resources.png") });

        var traceId = await DashboardProfileRequest.SendAsync(System.GatewayUrl, TestContext.Current.CancellationToken);
        await OpenTraceAsync(traceId);
        await Page.ScreenshotAsync(new() { Path = ReadmeScreenshots.PathOf("dashboard-trace.png") });
    }

    /// <summary>Opens the trace's page, again while spans are still arriving, until every process of the fan-out has reported.</summary>
    private async Task<int> OpenTraceAsync(string traceId)
    {
        var deadline = DateTimeOffset.UtcNow + TelemetryArrival;
        while (true)
        {
            await Dashboard.GotoAsync($"traces/detail/{traceId}");
            var resources = await Dashboard.TraceResourceCountAsync();
            if (resources >= FanOutResources || DateTimeOffset.UtcNow > deadline)
            {
                return resources;
            }

            await Task.Delay(2_000, TestContext.Current.CancellationToken);
        }
    }
}
