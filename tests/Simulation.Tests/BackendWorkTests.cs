using System.Diagnostics.Metrics;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Profiles.Simulation.Work;

namespace Profiles.Simulation.Tests;

public sealed class BackendWorkTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private BackendWork CreateWork() => new(_services.GetRequiredService<IMeterFactory>());

    [Fact]
    public async Task Counts_how_each_call_ended()
    {
        var work = CreateWork();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await work.TrackAsync("skills", () => Task.FromResult(1), CancellationToken.None);
        await work.TrackAsync("skills", () => Task.CompletedTask, CancellationToken.None);
        await Assert.ThrowsAsync<TaskCanceledException>(() => work.TrackAsync("skills", () => Task.Delay(Timeout.Infinite, cancelled.Token), cancelled.Token));
        await Assert.ThrowsAsync<RpcException>(() => work.TrackAsync("skills", () => throw new RpcException(new Status(StatusCode.Unavailable, "down")), CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => work.TrackAsync<int>("members", () => throw new InvalidOperationException(), CancellationToken.None));

        var snapshot = work.Snapshot();
        Assert.Equal(new BackendWorkSnapshot(InFlight: 0, Completed: 2, Cancelled: 1, Failed: 1), snapshot["skills"]);
        Assert.Equal(new BackendWorkSnapshot(InFlight: 0, Completed: 0, Cancelled: 0, Failed: 1), snapshot["members"]);
    }

    [Fact]
    public async Task Counts_a_call_in_flight_until_it_ends()
    {
        var work = CreateWork();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var call = work.TrackAsync("activity", () => release.Task, CancellationToken.None);
        Assert.Equal(1, work.Snapshot()["activity"].InFlight);

        release.SetResult();
        await call;
        Assert.Equal(new BackendWorkSnapshot(InFlight: 0, Completed: 1, Cancelled: 0, Failed: 0), work.Snapshot()["activity"]);
    }

    [Fact]
    public async Task Remembers_when_each_service_last_observed_a_cancellation()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var work = new BackendWork(_services.GetRequiredService<IMeterFactory>(), clock);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await work.TrackAsync("members", () => Task.FromResult(1), CancellationToken.None);
        await Assert.ThrowsAsync<TaskCanceledException>(() => work.TrackAsync("skills", () => Task.Delay(Timeout.Infinite, cancelled.Token), cancelled.Token));

        var observed = work.LastCancellations();
        Assert.Equal(clock.GetUtcNow(), Assert.Single(observed, pair => pair.Key == "skills").Value);
        Assert.DoesNotContain("members", observed.Keys);
    }

    public void Dispose() => _services.Dispose();
}
