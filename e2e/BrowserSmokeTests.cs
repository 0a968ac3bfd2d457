using Microsoft.Playwright;

namespace Profiles.E2E;

/// <summary>
/// Proves the browser plumbing the end-to-end suite stands on: Playwright drives a headless
/// Chromium that the machine provides (Playwright cannot download its own here).
/// </summary>
public sealed class BrowserSmokeTests
{
    [Fact]
    public async Task Chromium_renders_a_page_and_runs_its_script()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(ChromiumLauncher.Options());
        var page = await browser.NewPageAsync();

        await page.SetContentAsync("<button onclick=\"this.textContent='clicked'\">click me</button>");
        await page.ClickAsync("button");

        Assert.Equal("clicked", await page.TextContentAsync("button"));
    }
}
