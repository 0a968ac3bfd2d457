using System.Globalization;

namespace Profiles.Load;

/// <summary>
/// The command line: <c>{scenario}|all [--url http://127.0.0.1:5080] [--out DIR] [--scale 0.1] [--trace-sampling 0.1]</c>.
/// Without <c>--url</c> the harness starts the system itself. <c>--out</c> defaults to the
/// repository's docs/benchmarks; <c>--scale</c> shrinks every count and duration (1 = the full run);
/// <c>--trace-sampling</c> starts the system recording that share of traces, to measure what tracing costs.
/// </summary>
public sealed record HarnessOptions(string Scenario, Uri? Url, string OutputDirectory, double Scale, double? TraceSampling = null)
{
    public const string Usage = "usage: dotnet run --project tests/Load -- <fanout|blocking|inflight|tail|storm|cancel|cost|peers|chaos|overload|all> [--url http://127.0.0.1:5080] [--out DIR] [--scale 0.1] [--trace-sampling 0.1]";

    public static HarnessOptions Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0].StartsWith('-'))
        {
            throw new ArgumentException("Name a scenario.");
        }

        Uri? url = null;
        string? output = null;
        var scale = 1.0;
        double? traceSampling = null;
        for (var i = 1; i < args.Count; i += 2)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--url":
                    url = new Uri(value, UriKind.Absolute);
                    break;
                case "--out":
                    output = value;
                    break;
                case "--scale" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed > 0 && parsed <= 1:
                    scale = parsed;
                    break;
                case "--trace-sampling" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var ratio) && ratio is >= 0 and <= 1:
                    traceSampling = ratio;
                    break;
                default:
                    throw new ArgumentException($"Unknown option or bad value: {args[i]} {value}");
            }
        }

        if (url is not null && traceSampling is not null)
        {
            throw new ArgumentException("--trace-sampling starts the system its own way; it cannot apply to a system at --url.");
        }

        return new HarnessOptions(args[0], url, Path.GetFullPath(output ?? DefaultOutputDirectory()), scale, traceSampling);
    }

    /// <summary>docs/benchmarks of the repository the harness is run from, so that a full run refreshes the documented figures.</summary>
    private static string DefaultOutputDirectory()
    {
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Distributed.sln")))
            {
                return Path.Combine(directory.FullName, "docs", "benchmarks");
            }
        }

        return Path.Combine(Environment.CurrentDirectory, "benchmarks");
    }
}
