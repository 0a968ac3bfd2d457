using Grpc.Core;
using Grpc.Core.Interceptors;
using Polly;
using Profiles.Contracts;
using Profiles.Contracts.Activity;
using Profiles.Gateway.Parts;
using Profiles.Gateway.Profiles;
using Profiles.Gateway.Resilience;
using Profiles.Resilience;
using ActivityClient = Profiles.Contracts.Activity.Activity.ActivityClient;

namespace Profiles.Gateway.Tests;

/// <summary>How a gRPC part's call, cancelled by disposing it, reads to the request scope (GrpcPart's translation).</summary>
public sealed class GrpcPartTests
{
    [Fact]
    public async Task A_stream_whose_attempt_was_cancelled_before_its_first_read_is_cancelled_not_failed()
    {
        using var attempt = new CancellationTokenSource();
        var invoker = new StreamInvoker(onStart: attempt.Cancel).Intercept(new DisposeOnCancelInterceptor());
        var part = new ActivityPart(new ActivityClient(invoker), Pipeline<ActivitySection>(PartNames.Activity));
        var query = new ProfileQuery(42, 7, FanOutMode.Concurrent, TimeSpan.FromSeconds(5), 3, Hedging: false, FaultHeader: null);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => part.FetchAsync(query, new AttemptLog(), DateTime.UtcNow.AddSeconds(5), CancellationToken.None, attempt.Token));

        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.IsType<ObjectDisposedException>(error.InnerException);
    }

    private static PartPipeline<TSection> Pipeline<TSection>(string name) => new(
        ResiliencePipeline<Attempt<TSection>>.Empty,
        new LatencyTracker(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(1)),
        new AttemptBudget(name, 0.1, 3),
        new PartResilienceOptions().BreakerSlowAttempt,
        TimeProvider.System);

    /// <summary>
    /// Starts server streams that never send, and whose reads, once the call is disposed, throw
    /// <see cref="ObjectDisposedException"/> as grpc-dotnet's do (<c>GrpcCall.EnsureNotDisposed</c>).
    /// </summary>
    private sealed class StreamInvoker(Action onStart) : CallInvoker
    {
        public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
            Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
        {
            var reader = new SilentReader<TResponse>();
            var call = new AsyncServerStreamingCall<TResponse>(reader, Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], reader.Dispose);
            onStart();
            return call;
        }

        public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            throw new NotSupportedException();

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            throw new NotSupportedException();

        public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
            throw new NotSupportedException();

        public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
            throw new NotSupportedException();
    }

    private sealed class SilentReader<T> : IAsyncStreamReader<T>
    {
        private bool _disposed;

        public T Current => throw new InvalidOperationException("Nothing has been read.");

        public Task<bool> MoveNext(CancellationToken cancellationToken) =>
            _disposed ? Task.FromException<bool>(new ObjectDisposedException("GrpcCall")) : new TaskCompletionSource<bool>().Task;

        public void Dispose() => _disposed = true;
    }
}
