using System.Collections.Concurrent;
using Orleans.Storage;

namespace Profiles.Silo.Tests;

/// <summary>
/// The test silo's "Default" grain storage: memory storage, except that a test can hold one grain's
/// next write at the door, to see what the grain does while a write of its state is in flight.
/// </summary>
public sealed class HeldWritesStorage(IGrainStorage memory) : IGrainStorage
{
    private readonly ConcurrentDictionary<GrainId, HeldWrite> _held = new();

    public HeldWrite HoldNextWrite(GrainId grainId)
    {
        var held = new HeldWrite();
        if (!_held.TryAdd(grainId, held))
        {
            throw new InvalidOperationException($"A write of {grainId} is held already.");
        }

        return held;
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        memory.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_held.TryRemove(grainId, out var held))
        {
            await held.ArriveAsync();
        }

        await memory.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        memory.ClearStateAsync(stateName, grainId, grainState);
}

/// <summary>A write held at the door until released; disposing releases it, so a failed test leaves no grain stuck.</summary>
public sealed class HeldWrite : IDisposable
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the write has reached the door.</summary>
    public Task Arrived => _arrived.Task;

    public void Release() => _released.TrySetResult();

    public void Dispose() => Release();

    internal Task ArriveAsync()
    {
        _arrived.TrySetResult();
        return _released.Task;
    }
}
