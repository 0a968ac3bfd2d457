using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Playwright;
using Profiles.Fixtures;

namespace Profiles.E2E;

/// <summary>
/// A test with a fresh browser context and page, traced from the start. When the test fails, its
/// screenshot and Playwright trace (open with <c>playwright show-trace</c>) are kept under
/// <c>e2e/TestResults/playwright/</c>, and what the pages wrote to the browser's console and the
/// end of the dashboard's own console go to the test's output, which CI's log keeps. When it
/// passes, they are thrown away.
/// </summary>
public abstract class BrowserTest(SystemFixture system) : IAsyncLifetime
{
    private static readonly string ResultsDirectory = Path.Combine(
        typeof(BrowserTest).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "TestResultsDirectory").Value!,
        "playwright");

    /// <summary>Enough of the dashboard's console to hold the last error it logged with its stack.</summary>
    private const int DashboardLinesKept = 120;

    private readonly ConcurrentQueue<string> _browserConsole = new();
    private IBrowserContext? _context;

    protected SystemFixture System { get; } = system;

    protected IPage Page { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _context = await System.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = System.GatewayUrl.ToString() });
        _context.SetDefaultTimeout(15_000);
        await _context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true, Sources = false });
        _context.Console += (_, message) => _browserConsole.Enqueue($"{message.Type} {message.Location}: {message.Text}");
        Page = await _context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is null)
        {
            return;
        }

        if (TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            Directory.CreateDirectory(ResultsDirectory);
            var name = string.Concat(TestContext.Current.Test!.TestDisplayName.Split(Path.GetInvalidFileNameChars()));
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ResultsDirectory, $"{name}.png"), FullPage = true });
            await _context.Tracing.StopAsync(new TracingStopOptions { Path = Path.Combine(ResultsDirectory, $"{name}.zip") });
            await WriteConsolesAsync();
        }
        else
        {
            await _context.Tracing.StopAsync();
        }

        await _context.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private async Task WriteConsolesAsync()
    {
        var output = TestContext.Current.TestOutputHelper!;
        output.WriteLine("The browser's console:");
        foreach (var line in _browserConsole)
        {
            output.WriteLine(line);
        }

        if (System.System.Options.Dashboard)
        {
            output.WriteLine($"The dashboard's console, its last {DashboardLinesKept} lines:");
            var dashboard = await System.System.ConsoleOfAsync(DistributedSystem.DashboardResource, CancellationToken.None);
            foreach (var line in dashboard.TakeLast(DashboardLinesKept))
            {
                output.WriteLine(line);
            }
        }
    }
}
