using System.Diagnostics;
using System.Reflection;
using Profiles.AppHost.Hosting;
using Profiles.AppHost.Hosting.Testing;

namespace Profiles.AppHost.Tests;

/// <summary>The stand-in apps the tests model, and what every test needs around them.</summary>
internal static class StandIns
{
    public static string ProjectPath { get; } = Metadata("StandInProject");

    public static string AppHostAssemblyPath { get; } = Path.Combine(Metadata("StandInAppHostDirectory"), "StandInAppHost.dll");

    /// <summary>The system's own AppHost, run from its own output folder (its appsettings.json beside it).</summary>
    public static string RealAppHostAssemblyPath { get; } = Path.Combine(Metadata("AppHostDirectory"), "AppHost.dll");

    /// <summary>A model of the test's own, quiet and on free ports, its console going to the test's output.</summary>
    public static DistributedApplicationBuilder CreateBuilder(Action<DistributedApplicationTestingOptions>? configure = null) =>
        DistributedApplicationTestingBuilder.Create(options =>
        {
            options.ConsoleOutput = WriteToTestOutput;
            configure?.Invoke(options);
        });

    public static void WriteToTestOutput(string line)
    {
        try
        {
            TestContext.Current.TestOutputHelper?.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // A line that arrives between tests has no test to go to.
        }
    }

    /// <summary>Cancelled after <paramref name="seconds"/>, or when the test is.</summary>
    public static CancellationToken Within(int seconds)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        return timeout.Token;
    }

    public static bool IsGone(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    private static string Metadata(string key) =>
        typeof(StandIns).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == key).Value!;
}
