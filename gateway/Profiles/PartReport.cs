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
    string? Error)
{
    public static PartReport From<T>(ChildResult<T> result) => new(
        result.Name,
        result.Status.ToString().ToLowerInvariant(),
        Math.Round(result.StartedAt.TotalMilliseconds, 2),
        Math.Round(result.Elapsed.TotalMilliseconds, 2),
        result.Attempts,
        result.Hedged,
        result.Error is null ? null : Describe(result.Error));

    private static string Describe(Exception error) => error switch
    {
        Grpc.Core.RpcException rpc => $"{rpc.StatusCode}: {rpc.Status.Detail}",
        Polly.CircuitBreaker.BrokenCircuitException => "circuit-open",
        OperationCanceledException => "cancelled",
        _ => error.Message,
    };
}
