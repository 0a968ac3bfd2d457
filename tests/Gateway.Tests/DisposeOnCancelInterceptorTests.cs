using Grpc.Core;
using Grpc.Core.Interceptors;
using Profiles.Gateway.Parts;

namespace Profiles.Gateway.Tests;

public sealed class DisposeOnCancelInterceptorTests
{
    private static readonly Method<string, string> Unary = new(MethodType.Unary, "profiles.Test", "Get", Marshallers.StringMarshaller, Marshallers.StringMarshaller);
    private static readonly Method<string, string> ServerStreaming = new(MethodType.ServerStreaming, "profiles.Test", "Stream", Marshallers.StringMarshaller, Marshallers.StringMarshaller);

    private readonly Interceptor _interceptor = new DisposeOnCancelInterceptor();

    [Fact]
    public async Task A_unary_call_is_made_without_the_token_and_disposed_when_it_fires()
    {
        using var caller = new CancellationTokenSource();
        var backend = new FakeCall();
        var call = _interceptor.AsyncUnaryCall("request", Context(Unary, caller.Token), backend.StartUnary);

        await caller.CancelAsync();

        Assert.False(backend.Options.CancellationToken.CanBeCanceled);
        Assert.Equal(1, backend.Disposals);
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public async Task A_unary_call_that_has_answered_is_no_longer_tied_to_the_token()
    {
        using var caller = new CancellationTokenSource();
        var backend = new FakeCall();
        var call = _interceptor.AsyncUnaryCall("request", Context(Unary, caller.Token), backend.StartUnary);
        backend.Answer("response");

        Assert.Equal("response", await call.ResponseAsync);
        await caller.CancelAsync();

        Assert.Equal(0, backend.Disposals);
    }

    [Fact]
    public async Task A_stream_is_disposed_when_the_token_fires_and_untied_from_it_once_its_reader_disposes_it()
    {
        using var cancelled = new CancellationTokenSource();
        var read = new FakeCall();
        using var call = _interceptor.AsyncServerStreamingCall("request", Context(ServerStreaming, cancelled.Token), read.StartStream);

        await cancelled.CancelAsync();

        Assert.False(read.Options.CancellationToken.CanBeCanceled);
        Assert.Equal(1, read.Disposals);

        using var untied = new CancellationTokenSource();
        var finished = new FakeCall();
        _interceptor.AsyncServerStreamingCall("request", Context(ServerStreaming, untied.Token), finished.StartStream).Dispose();
        await untied.CancelAsync();

        Assert.Equal(1, finished.Disposals);
    }

    [Fact]
    public void A_call_without_a_token_goes_through_untouched()
    {
        var backend = new FakeCall();
        var context = Context(Unary, CancellationToken.None);

        _interceptor.AsyncUnaryCall("request", context, backend.StartUnary);

        Assert.Equal(context.Options.Deadline, backend.Options.Deadline);
        Assert.Same(context.Options.Headers, backend.Options.Headers);
    }

    private static ClientInterceptorContext<string, string> Context(Method<string, string> method, CancellationToken token) =>
        new(method, host: null, new CallOptions(new Metadata(), DateTime.UtcNow.AddSeconds(5), token));

    /// <summary>A call as grpc-dotnet makes it: disposing one still running ends it <see cref="StatusCode.Cancelled"/>.</summary>
    private sealed class FakeCall
    {
        private readonly TaskCompletionSource<string> _response = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CallOptions Options { get; private set; }

        public int Disposals { get; private set; }

        public void Answer(string response) => _response.SetResult(response);

        public AsyncUnaryCall<string> StartUnary(string request, ClientInterceptorContext<string, string> context)
        {
            Options = context.Options;
            return new AsyncUnaryCall<string>(_response.Task, Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], Dispose);
        }

        public AsyncServerStreamingCall<string> StartStream(string request, ClientInterceptorContext<string, string> context)
        {
            Options = context.Options;
            return new AsyncServerStreamingCall<string>(new NoMessages(), Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], Dispose);
        }

        private void Dispose()
        {
            Disposals++;
            _response.TrySetException(new RpcException(new Status(StatusCode.Cancelled, "gRPC call disposed.")));
        }
    }

    private sealed class NoMessages : IAsyncStreamReader<string>
    {
        public string Current => throw new InvalidOperationException("No message has been read.");

        public Task<bool> MoveNext(CancellationToken cancellationToken) => Task.FromResult(false);
    }
}
