using System.Diagnostics;
using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Profiles.Gateway.Profiles;
using Profiles.Gateway.Telemetry;

namespace Profiles.Benchmarks;

/// <summary>
/// A failed part's span, ended with its error's stack trace as an exception event and without it.
/// The error is a backend's gRPC status wrapped as the gateway wraps a deadline, thrown and
/// rethrown through twelve async frames; a part's real error passes more (grpc-dotnet's, Polly's
/// strategies, the scope's), so the stack trace's cost here is a floor.
/// </summary>
[MemoryDiagnoser]
public class PartSpanBenchmarks : IDisposable
{
    private static readonly PartReport Failed = new("skills", "timeout", 0, 500, 1, false, false, "DeadlineExceeded: Deadline Exceeded");

    private ServiceProvider _services = null!;
    private ActivityListener _listener = null!;
    private GatewayTelemetry _telemetry = null!;
    private Exception _error = null!;

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _telemetry = new GatewayTelemetry(_services.GetRequiredService<IMeterFactory>());
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GatewayTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_listener);
        _error = await CaughtAsync();
    }

    [Benchmark(Baseline = true)]
    public void WithStackTrace() => End(stackTrace: true);

    [Benchmark]
    public void TypeOnly() => End(stackTrace: false);

    [GlobalCleanup]
    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
        GC.SuppressFinalize(this);
    }

    private void End(bool stackTrace)
    {
        using var span = _telemetry.StartPart("skills", required: false);
        span.End(Failed, _error, stackTrace);
    }

    private static async Task<Exception> CaughtAsync()
    {
        try
        {
            await RethrownAsync(12);
        }
        catch (TimeoutException error)
        {
            return error;
        }

        throw new InvalidOperationException("The error was not thrown.");
    }

    private static async Task RethrownAsync(int depth)
    {
        await Task.Yield();
        if (depth > 0)
        {
            await RethrownAsync(depth - 1);
            return;
        }

        try
        {
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"));
        }
        catch (RpcException error)
        {
            throw new TimeoutException(error.Status.Detail, error);
        }
    }
}
