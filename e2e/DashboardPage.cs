using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Profiles.E2E;

/// <summary>
/// The real Aspire dashboard as a test drives it. Its markup is Fluent UI's, not ours: a resource is
/// a <c>tr.resource-row</c> (a replica has a row of its own), its cells are numbered by <c>col-index</c>,
/// and its commands sit in the Commands submenu of the row's Actions menu.
/// </summary>
public sealed class DashboardPage(IPage page, Uri dashboardUrl, Uri loginUrl)
{
    public ILocator Rows => page.Locator("tr.resource-row");

    /// <summary>The row whose name is exactly <paramref name="name"/> (a replica's is <c>silo-xxxxxxxx</c>).</summary>
    public ILocator Row(string name) =>
        Rows.Filter(new() { Has = page.Locator(".resource-name-text", new() { HasTextRegex = new Regex($"^{Regex.Escape(name)}$") }) });

    /// <summary>Its tooltip is the bare state when the resource is also healthy, and a warning when it is not.</summary>
    public static ILocator StateCell(ILocator row) => row.Locator("td[col-index='2']");

    /// <summary>Its tooltip is the full start time, to the second: it changes when the resource restarts.</summary>
    public static ILocator StartTimeCell(ILocator row) => row.Locator("td[col-index='3']");

    /// <summary>
    /// Opens the link with the browser token, which sets the login cookie and lands on the resources.
    /// Once on CI the dashboard's own page failed there ("An unhandled error has occurred", no
    /// resources), which is Aspire's code, not this system's: the page is reloaded once, as its error
    /// bar offers, and the test is given a warning. A failure after that keeps the dashboard's
    /// console in the test's output (<see cref="BrowserTest"/>).
    /// </summary>
    public async Task LogInAsync()
    {
        await page.GotoAsync(loginUrl.ToString());
        await Expect(page).Not.ToHaveURLAsync(new Regex("/login"), new() { Timeout = 30_000 });
        // Blazor's error bar is always in the page, hidden until the page fails.
        var failed = page.Locator("#blazor-error-ui");
        await Expect(Rows.Or(failed.Filter(new() { Visible = true })).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        if (await failed.IsVisibleAsync())
        {
            TestContext.Current.AddWarning("The dashboard's resources page failed with 'An unhandled error has occurred' and was reloaded.");
            await page.ReloadAsync();
            await Expect(Rows.First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        }
    }

    public Task GotoAsync(string path) => page.GotoAsync(new Uri(dashboardUrl, path).ToString());

    /// <summary>
    /// Waits, on a trace's page, until the page shows the trace. Every process exports its spans in
    /// batches (Aspire sets <c>OTEL_BSP_SCHEDULE_DELAY</c> to 1 s), so a link followed the moment its
    /// answer came can be ahead of the trace, and the page then says "not found" and never looks again
    /// (CI saw it stay so for 30 s): the page is reloaded, as its reader would, until the trace is there.
    /// </summary>
    public async Task WaitForTraceAsync(TimeSpan arrival)
    {
        var deadline = DateTimeOffset.UtcNow + arrival;
        var grid = page.Locator("table.trace-view-grid");
        while (true)
        {
            try
            {
                await Expect(grid).ToBeVisibleAsync(new() { Timeout = 5_000 });
                return;
            }
            catch (PlaywrightException) when (DateTimeOffset.UtcNow < deadline)
            {
                await page.ReloadAsync();
            }
        }
    }

    /// <summary>
    /// Clicks a command in the resource's Actions ("...") menu, by the name the menu shows, and waits
    /// for the dashboard's word that it succeeded: a command runs in the AppHost after the click returns.
    /// On a starved machine a click can be lost (CI once saw the menu still open, the command never
    /// run, 90 s later): a menu still open after the wait means the click did not land, and it is
    /// clicked again. The fault commands set a plan, so running one twice does no harm.
    /// </summary>
    public async Task RunCommandAsync(string resource, string displayName)
    {
        var command = page.GetByRole(AriaRole.Menuitem, new() { Name = displayName, Exact = true });
        var succeeded = page.GetByText($"{resource} \"{displayName}\" succeeded").First;
        for (var click = 1; ; click++)
        {
            await OpenCommandAsync(resource, command);
            await command.ClickAsync();
            try
            {
                await Expect(succeeded).ToBeVisibleAsync(new() { Timeout = 30_000 });
                return;
            }
            catch (PlaywrightException) when (click < 3)
            {
                // Not yet: whether the click landed decides what comes next.
            }

            if (!await command.IsVisibleAsync())
            {
                // The menu closed, so the command was sent: it is slow, not lost.
                await Expect(succeeded).ToBeVisibleAsync(new() { Timeout = 60_000 });
                return;
            }

            await page.Keyboard.PressAsync("Escape");
        }
    }

    /// <summary>
    /// The menu button toggles, and after a command has closed its menu the next press can count as a close:
    /// press until the menu shows. The resource's commands are in its "Commands" submenu, which opens on hover.
    /// </summary>
    private async Task OpenCommandAsync(string resource, ILocator command)
    {
        var commands = page.GetByRole(AriaRole.Menuitem, new() { Name = "Commands", Exact = true });
        for (var press = 1; !await command.IsVisibleAsync(); press++)
        {
            if (!await commands.IsVisibleAsync())
            {
                await Row(resource).Locator("fluent-button[title='Actions']").ClickAsync();
            }

            try
            {
                await commands.HoverAsync(new() { Timeout = 5_000 });
                await command.WaitForAsync(new() { Timeout = 5_000 });
            }
            catch (TimeoutException) when (press < 3)
            {
                await page.Keyboard.PressAsync("Escape");
            }
        }
    }

    /// <summary>
    /// The trace page's own count of the resources its spans came from (the header's "Resources"); 0
    /// while the dashboard has no span of the trace yet, when the page has no such header.
    /// </summary>
    public async Task<int> TraceResourceCountAsync()
    {
        var item = page.Locator(":has(> strong)", new() { HasTextRegex = new Regex(@"^\s*Resources\s*\d+\s*$") }).Locator("> strong").First;
        try
        {
            return int.TryParse(await item.TextContentAsync(new() { Timeout = 15_000 }), CultureInfo.InvariantCulture, out var count) ? count : 0;
        }
        catch (TimeoutException)
        {
            return 0;
        }
    }
}
