using System.Reflection;
using Microsoft.Playwright;

namespace Profiles.E2E;

/// <summary>
/// A test with a fresh browser context and page, traced from the start. When the test fails, its
/// screenshot and Playwright trace (open with <c>playwright show-trace</c>) are kept under
/// <c>e2e/TestResults/playwright/</c>; when it passes, they are thrown away.
/// </summary>
public abstract class BrowserTest(SystemFixture system) : IAsyncLifetime
{
    private static readonly string ResultsDirectory = Path.Combine(
        typeof(BrowserTest).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "TestResultsDirectory").Value!,
        "playwright");

    private IBrowserContext? _context;

    protected SystemFixture System { get; } = system;

    protected IPage Page { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _context = await System.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = System.GatewayUrl.ToString() });
        _context.SetDefaultTimeout(15_000);
        await _context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true, Sources = false });
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
        }
        else
        {
            await _context.Tracing.StopAsync();
        }

        await _context.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
