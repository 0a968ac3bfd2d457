using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Profiles.E2E;

/// <summary>The gateway's profile page as a test drives it: the request form, the fault panel, the card and the waterfalls.</summary>
public sealed class ProfilePage(IPage page)
{
    /// <summary>How long a run may take to show on a loaded 2-core machine; the tests' timings are asserted separately.</summary>
    public static readonly LocatorAssertionsToHaveAttributeOptions Patiently = new() { Timeout = 30_000 };

    public static readonly string[] Parts = ["members", "experience", "network", "skills", "activity", "views", "presence"];

    public IPage Page => page;

    public ILocator Banner => page.Locator("#run-status");

    public ILocator Card => page.Locator("#profile");

    public ILocator CurrentWaterfall => page.Locator("#waterfall-current");

    public ILocator PreviousWaterfall => page.Locator("#waterfall-previous");

    public ILocator CurrentRows => CurrentWaterfall.Locator(".waterfall-row");

    public ILocator TraceLink => Banner.Locator("a.trace-link");

    public ILocator Section(string part) => Card.Locator($"[data-section='{part}']");

    public ILocator Row(string part) => CurrentWaterfall.Locator($".waterfall-row[data-part='{part}']");

    public ILocator FieldError(string field) => page.Locator($"#{field}-error");

    /// <summary>Opens the page at the context's base URL, or at <paramref name="url"/> (e.g. the gateway as the AppHost prints it).</summary>
    public async Task OpenAsync(Uri? url = null)
    {
        await page.GotoAsync(url?.ToString() ?? "/");
        await Expect(Banner).ToHaveAttributeAsync("data-tone", "idle");
    }

    public async Task FillAsync(string memberId = "42", string viewerId = "7", string mode = "concurrent", int budget = 500)
    {
        await page.FillAsync("#member-id", memberId);
        await page.FillAsync("#viewer-id", viewerId);
        await page.ClickAsync($"label[for='mode-{mode}']");
        await page.FillAsync("#budget", budget.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Sets one row of the fault panel, as a person would: <c>("*", "latency", "100ms")</c>.</summary>
    public async Task InjectAsync(string target, string kind, string argument = "")
    {
        var panel = page.Locator("#fault-panel");
        if (await panel.GetAttributeAsync("open") is null)
        {
            await panel.Locator("summary").ClickAsync();
        }

        var id = target == "*" ? "all" : target;
        await page.SelectOptionAsync($"#fault-{id}-kind", kind);
        if (argument.Length > 0)
        {
            await page.FillAsync($"#fault-{id}-argument", argument);
        }
    }

    /// <summary>Presses Load and returns once the run has started drawing (the Cancel button is live).</summary>
    public async Task<int> StartLoadAsync()
    {
        var ended = await RunsEndedAsync();
        await page.ClickAsync("#load");
        return ended;
    }

    /// <summary>Presses Load and waits until that run has ended, however it ended.</summary>
    public async Task LoadAsync()
    {
        var ended = await StartLoadAsync();
        await WaitForRunAfterAsync(ended);
    }

    public Task WaitForRunAfterAsync(int runsEndedBefore) =>
        Expect(page.Locator("body")).ToHaveAttributeAsync("data-runs-ended", (runsEndedBefore + 1).ToString(CultureInfo.InvariantCulture), Patiently);

    /// <summary>A finished run's total as the waterfall states it.</summary>
    public static async Task<double> TotalMsAsync(ILocator waterfall) =>
        double.Parse(await waterfall.GetAttributeAsync("data-total-ms") ?? "NaN", CultureInfo.InvariantCulture);

    /// <summary>Where each landed part of a finished run started and how long it took, as the server reported them, in start order.</summary>
    public static async Task<IReadOnlyList<PartTime>> PartTimesAsync(ILocator waterfall)
    {
        var times = new List<PartTime>();
        foreach (var part in Parts)
        {
            var row = waterfall.Locator($".waterfall-row[data-part='{part}']");
            if (await row.GetAttributeAsync("data-started-ms") is { Length: > 0 } started
                && await row.GetAttributeAsync("data-elapsed-ms") is { Length: > 0 } elapsed)
            {
                times.Add(new PartTime(part, double.Parse(started, CultureInfo.InvariantCulture), double.Parse(elapsed, CultureInfo.InvariantCulture)));
            }
        }

        return [.. times.OrderBy(time => time.StartedMs)];
    }

    private async Task<int> RunsEndedAsync() =>
        int.Parse(await page.Locator("body").GetAttributeAsync("data-runs-ended") ?? "0", CultureInfo.InvariantCulture);
}

/// <summary>One part's place on a run's time axis, in milliseconds from the run's start.</summary>
public sealed record PartTime(string Part, double StartedMs, double ElapsedMs)
{
    public double EndedMs => StartedMs + ElapsedMs;
}
