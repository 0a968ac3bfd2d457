using BenchmarkDotNet.Running;

namespace Profiles.Benchmarks;

/// <summary><c>dotnet run -c Release --project tests/Benchmarks -- --filter '*'</c>; BenchmarkDotNet's own options follow the <c>--</c>.</summary>
public static class BenchmarkProgram
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args, new ShortRunConfig());
}
