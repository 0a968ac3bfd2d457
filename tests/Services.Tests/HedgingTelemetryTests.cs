using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Hedging;
using Polly.Registry;
using Profiles.Resilience;

namespace Profiles.Services.Tests;

/// <summary>A hedge is normal operation: Polly's OnHedging goes to the log at Debug, not Warning.</summary>
public sealed class HedgingTelemetryTests
{
    [Fact]
    public async Task A_hedge_is_logged_at_debug()
    {
        var logs = new RecordingLoggerProvider();
        await using var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs))
            .AddHedgingAtDebug()
            .AddResiliencePipeline<string, string>("hedged", pipeline => pipeline.AddHedging(new HedgingStrategyOptions<string>
            {
                ShouldHandle = _ => PredicateResult.False(),
                Delay = TimeSpan.FromMilliseconds(1),
            }))
            .BuildServiceProvider();
        var pipeline = services.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline<string>("hedged");
        var attempts = 0;

        await pipeline.ExecuteAsync(async token =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
            }

            return "hedge";
        }, TestContext.Current.CancellationToken);

        var hedging = Assert.Single(logs.Entries, entry => entry.Message.Contains(HedgingTelemetryExtensions.OnHedgingEvent, StringComparison.Ordinal));
        Assert.Equal(LogLevel.Debug, hedging.Level);
    }

    private sealed class RecordingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new RecordingLogger(Entries);

        public void Dispose()
        {
        }

        private sealed class RecordingLogger(ConcurrentQueue<(LogLevel Level, string Message)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((logLevel, formatter(state, exception)));
        }
    }
}
