using Grpc.Core;
using Polly.CircuitBreaker;
using Profiles.Gateway.Resilience;
using Profiles.Gateway.Scopes;

namespace Profiles.Gateway.Profiles;

/// <summary>One entry of a profile's <c>parts</c> array: how that part went.</summary>
public sealed record PartReport(
    string Name,
    string Status,
    double StartedMs,
    double ElapsedMs,
    int Attempts,
    bool Hedged,
    bool BudgetRefused,
    string? Error)
{
    public static PartReport From(ChildResult<object> result, AttemptLog attempts) => new(
        result.Name,
        result.Status.ToString().ToLowerInvariant(),
        Math.Round(result.StartedAt.TotalMilliseconds, 2),
        Math.Round(result.Elapsed.TotalMilliseconds, 2),
        attempts.Count,
        attempts.Hedged,
        attempts.BudgetRefused,
        result.Error is null ? null : Describe(result.Error));

    /// <summary>
    /// An error a part is built to meet: an open circuit, a backend's gRPC status, a deadline, a
    /// cancellation. Its stack trace is the same few frames of the part's pipeline every time; any
    /// other error is the gateway's own, whose stack trace is what finds it.
    /// </summary>
    public static bool IsForeseen(Exception error) =>
        error is BrokenCircuitException or RpcException or TimeoutException or OperationCanceledException || error.InnerException is RpcException;

    /// <summary>
    /// An open circuit first: Polly keeps the failure that opened it as the inner exception. Then the
    /// gRPC status, also where GrpcPart translated it into a cancellation or a timeout.
    /// </summary>
    private static string Describe(Exception error) => error switch
    {
        BrokenCircuitException => "circuit-open",
        RpcException rpc => $"{rpc.StatusCode}: {rpc.Status.Detail}",
        { InnerException: RpcException rpc } => $"{rpc.StatusCode}: {rpc.Status.Detail}",
        OperationCanceledException => "cancelled",
        _ => error.Message,
    };
}
