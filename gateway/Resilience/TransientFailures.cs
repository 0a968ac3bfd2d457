using Grpc.Core;
using Orleans.Runtime;

namespace Profiles.Gateway.Resilience;

/// <summary>Which failures say "the backend is in trouble" rather than "the request was wrong".</summary>
internal static class TransientFailures
{
    /// <summary>Worth another try: the backend could not take the call, and may well take the next one.</summary>
    public static bool IsRetryable(Exception? exception) =>
        exception is RpcException { StatusCode: StatusCode.Unavailable }
        || exception is SiloUnavailableException;

    /// <summary>
    /// Counts against a backend's circuit: it was unreachable, broken, or too slow for the deadline it
    /// was given (a gRPC <c>DeadlineExceeded</c> arrives as a <see cref="TimeoutException"/>, see GrpcPart).
    /// </summary>
    public static bool IsBackendFailure(Exception? exception) =>
        IsRetryable(exception)
        || exception is RpcException { StatusCode: StatusCode.Internal }
        || exception is OrleansMessageRejectionException or TimeoutException;
}
