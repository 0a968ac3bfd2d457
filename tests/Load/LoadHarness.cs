using System.Runtime.InteropServices;
using Profiles.Load.Reporting;
using Profiles.Load.Scenarios;
using Profiles.Load.Target;

namespace Profiles.Load;

/// <summary>
/// The entry point: <c>dotnet run --project tests/Load -- fanout</c>. A static Main rather than
/// top-level statements, so that the harness is a named class its smoke tests call into.
/// </summary>
public static class LoadHarness
{
    public static async Task<int> Main(string[] args)
    {
        HarnessOptions options;
        try
        {
            options = HarnessOptions.Parse(args);
        }
        catch (Exception exception) when (exception is ArgumentException or UriFormatException)
        {
            Console.Error.WriteLine(exception.Message);
            Console.Error.WriteLine(HarnessOptions.Usage);
            return 2;
        }

        var scenarios = options.Scenario == "all" ? ScenarioCatalog.All : [ScenarioCatalog.Find(options.Scenario)!];
        if (scenarios.Contains(null))
        {
            Console.Error.WriteLine($"No scenario named '{options.Scenario}'. " + HarnessOptions.Usage);
            return 2;
        }

        // Ctrl+C (SIGINT) or a kill (SIGTERM) ends the run early, and still stops every process the harness started.
        using var stop = new CancellationTokenSource();
        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stop.Cancel();
        }

        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        LoadTarget? system = null;
        try
        {
            foreach (var scenario in scenarios)
            {
                // One system while the scenarios need the same one; another for a scenario that needs it otherwise.
                var requires = scenario!.Requires with { TraceSampling = options.TraceSampling };
                if (system is null || (system.Options is { } running && running != requires))
                {
                    if (system is not null)
                    {
                        await system.DisposeAsync();
                    }

                    system = options.Url is { } url
                        ? LoadTarget.Attach(url)
                        : await LoadTarget.StartAsync(requires, Console.WriteLine, stop.Token);
                }

                var (markdown, _) = await RunAsync(scenario, system, options.OutputDirectory, options.Scale, Console.WriteLine, stop.Token);
                Console.WriteLine(await File.ReadAllTextAsync(markdown, stop.Token));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine("Stopped before the end: no report for the scenario that was running.");
            return 130;
        }
        finally
        {
            if (system is not null)
            {
                await system.DisposeAsync();
            }
        }

        return 0;
    }

    /// <summary>Runs one scenario and writes its Markdown and plot into <paramref name="outputDirectory"/>; returns their paths.</summary>
    public static async Task<(string Markdown, IReadOnlyList<string> Plots)> RunAsync(
        IScenario scenario, LoadTarget system, string outputDirectory, double scale, Action<string> log, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outputDirectory);
        using var context = new ScenarioContext(system, outputDirectory, scale, log);
        log($"{scenario.Name}: {scenario.Description} (scale {scale})");
        var ranAt = DateTimeOffset.UtcNow;
        ScenarioReport report = await scenario.RunAsync(context, cancellationToken);
        var markdown = await report.WriteAsync(outputDirectory, ranAt, cancellationToken);
        return (markdown, report.Plots);
    }
}
