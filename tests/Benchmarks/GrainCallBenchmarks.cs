using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Profiles.Contracts.Grains;

namespace Profiles.Benchmarks;

/// <summary>
/// One grain call within a silo (the caller is hosted by it, so nothing crosses a socket): the
/// message, its scheduling on the activation, and the response. The grain answers at once.
/// </summary>
[MemoryDiagnoser]
public class GrainCallBenchmarks
{
    private IHost _silo = null!;
    private IPresenceGrain _grain = null!;

    [GlobalSetup]
    public async Task StartSiloAsync()
    {
        _silo = Host.CreateDefaultBuilder()
            .UseOrleans(silo => silo.UseLocalhostClustering())
            .ConfigureLogging(logging => logging.ClearProviders())
            .Build();
        await _silo.StartAsync();
        _grain = _silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IPresenceGrain>(42);
        await _grain.GetPresenceAsync(CancellationToken.None);
    }

    [Benchmark]
    public Task<Presence> LocalGrainCall() => _grain.GetPresenceAsync(CancellationToken.None);

    [GlobalCleanup]
    public async Task StopSiloAsync()
    {
        await _silo.StopAsync();
        _silo.Dispose();
    }
}

/// <summary>A presence that is always known: the benchmark measures the call, not the grain.</summary>
public sealed class ConstantPresenceGrain : Grain, IPresenceGrain
{
    private static readonly Presence Online = new(true, DateTimeOffset.UnixEpoch);

    public Task<Presence> GetPresenceAsync(CancellationToken cancellationToken) => Task.FromResult(Online);
}
