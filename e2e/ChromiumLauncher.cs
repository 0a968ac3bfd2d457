using Microsoft.Playwright;

namespace Profiles.E2E;

/// <summary>
/// Launch options for the machine's own Chromium. <c>PLAYWRIGHT_CHROMIUM_EXECUTABLE</c> points
/// elsewhere; the flags keep Chromium from reaching for a network these machines do not have.
/// </summary>
public static class ChromiumLauncher
{
    public const string ExecutableVariable = "PLAYWRIGHT_CHROMIUM_EXECUTABLE";

    private const string DebianChromium = "/usr/bin/chromium";

    public static BrowserTypeLaunchOptions Options() => new()
    {
        ExecutablePath = Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } path ? path : DebianChromium,
        Headless = true,
        Args =
        [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    };
}
