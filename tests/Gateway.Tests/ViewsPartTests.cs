using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Profiles.Gateway.Parts;
using Profiles.Gateway.Profiles;
using Profiles.Gateway.Resilience;

namespace Profiles.Gateway.Tests;

/// <summary>
/// The views part as the gateway registers it: recording a view is idempotent by the request's view
/// id, so the part is hedged like the reads, and every attempt of one request carries the same id.
/// </summary>
public sealed class ViewsPartTests : IAsyncDisposable
{
    private static readonly TimeSpan HedgingDelay = TimeSpan.FromMilliseconds(10);

    /// <summary>Real time, only so that a part that never hedges fails the test rather than hanging it.</summary>
    private static readonly TimeSpan GenerousBound = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new();
    private readonly RecordingViewsGrain _grain;
    private readonly WebApplication _app;

    public ViewsPartTests()
    {
        _grain = new RecordingViewsGrain(_time) { FirstCallTakes = TimeSpan.FromSeconds(2) };
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Resilience:HedgingDelayUntilObserved"] = HedgingDelay.ToString();
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.AddProfileFanOut();
        builder.Services.AddSingleton<IGrainFactory>(new SingleGrainFactory(_grain));
        _app = builder.Build();
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private IProfilePart Views => _app.Services.GetServices<IProfilePart>().Single(part => part is ViewsPart);

    private static ProfileQuery Query() => new(42, 7, FanOutMode.Concurrent, TimeSpan.FromSeconds(5), 5, Hedging: true, FaultHeader: null);

    private async Task<AttemptLog> RunAsync(ProfileQuery query, TimeSpan advanceBy)
    {
        var attempts = new AttemptLog();
        var run = Views.FetchAsync(query, attempts, DateTime.MaxValue, CancellationToken.None, TestContext.Current.CancellationToken);
        _time.Advance(advanceBy);
        Assert.IsType<ViewsSection>(await run.WaitAsync(GenerousBound, TestContext.Current.CancellationToken));
        return attempts;
    }

    [Fact]
    public async Task A_slow_recording_is_hedged_and_both_attempts_carry_the_request_view_id()
    {
        var query = Query();

        var attempts = await RunAsync(query, HedgingDelay);

        Assert.Equal(2, attempts.Count);
        Assert.True(attempts.Hedged);
        Assert.Equal([query.ViewId, query.ViewId], _grain.ViewIds);
    }

    [Fact]
    public async Task Every_request_records_a_view_of_its_own()
    {
        var first = Query();
        var second = Query();

        await RunAsync(first, HedgingDelay);
        await RunAsync(second, TimeSpan.Zero);

        Assert.NotEqual(first.ViewId, second.ViewId);
        Assert.Equal([first.ViewId, first.ViewId, second.ViewId], _grain.ViewIds);
    }
}
