using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Profiles.AppHost.Tests;

public sealed partial class ParentKilledTests
{
    public static TheoryData<string, int> AppHosts => new()
    {
        { StandIns.AppHostAssemblyPath, 3 },
        // The real one: seven processes of the system, the silo and its clients included.
        { StandIns.RealAppHostAssemblyPath, 7 },
    };

    [Theory]
    [MemberData(nameof(AppHosts))]
    public async Task No_child_outlives_an_AppHost_killed_with_SIGKILL(string appHostAssembly, int expectedChildren)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { appHostAssembly, "--AppHost:RandomPorts=true", "--Faults:Profile=none" },
            WorkingDirectory = Path.GetDirectoryName(appHostAssembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var children = new List<int>();
        var summaryPrinted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var appHost = new Process { StartInfo = startInfo };
        appHost.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null)
            {
                return;
            }

            StandIns.WriteToTestOutput(line.Data);
            lock (children)
            {
                if (StartedLine().Match(line.Data) is { Success: true } started)
                {
                    children.Add(int.Parse(started.Groups["pid"].Value, CultureInfo.InvariantCulture));
                }

                if (line.Data.StartsWith("Gateway: http://localhost:", StringComparison.Ordinal))
                {
                    summaryPrinted.TrySetResult();
                }
            }
        };
        appHost.ErrorDataReceived += (_, line) => StandIns.WriteToTestOutput(line.Data ?? "");

        appHost.Start();
        appHost.BeginOutputReadLine();
        appHost.BeginErrorReadLine();
        try
        {
            await summaryPrinted.Task.WaitAsync(StandIns.Within(180));
            // The summary comes once every resource is healthy; the log line of the last start may trail it.
            await WaitUntilAsync(() => ChildCount(children) == expectedChildren, StandIns.Within(10));

            appHost.Kill(entireProcessTree: false);
            await appHost.WaitForExitAsync(StandIns.Within(10));

            var allGone = await WaitUntilAsync(() => Snapshot(children).All(StandIns.IsGone), StandIns.Within(10));
            Assert.True(allGone, $"still alive 10 s after the AppHost died: {string.Join(", ", Snapshot(children).Where(child => !StandIns.IsGone(child)))}");
        }
        finally
        {
            KillLeftovers(appHost, Snapshot(children));
        }
    }

    private static async Task<bool> WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        try
        {
            while (!condition())
            {
                await Task.Delay(100, cancellationToken);
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return condition();
        }
    }

    private static int ChildCount(List<int> children) => Snapshot(children).Count;

    private static List<int> Snapshot(List<int> children)
    {
        lock (children)
        {
            return [.. children];
        }
    }

    private static void KillLeftovers(Process appHost, IEnumerable<int> children)
    {
        if (!appHost.HasExited)
        {
            appHost.Kill(entireProcessTree: true);
        }

        foreach (var child in children.Where(child => !StandIns.IsGone(child)))
        {
            using var process = Process.GetProcessById(child);
            process.Kill();
        }
    }

    [GeneratedRegex(@"started \(PID (?<pid>\d+)\)")]
    private static partial Regex StartedLine();
}
