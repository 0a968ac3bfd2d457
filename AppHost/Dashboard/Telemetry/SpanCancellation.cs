namespace Profiles.AppHost.Dashboard.Telemetry;

/// <summary>
/// The one rule for "this span ended by cancellation", which the pages show apart from "failed"
/// (a cancelled span usually has an error status too). A span is cancelled when any of these says so:
/// <list type="bullet">
/// <item>an RPC status attribute is CANCELLED: <c>rpc.grpc.status_code</c> or <c>grpc.status_code</c> = 1
/// (gRPC client and server spans), or <c>rpc.response.status_code</c> = <c>CANCELLED</c> (newer conventions);</item>
/// <item>the gateway's part span says so: <c>profile.part.status</c> = <c>cancelled</c>;</item>
/// <item>a server span answered 499 (<c>http.response.status_code</c>): ASP.NET Core's "client closed
/// the request", which is how a backend's span ends when the caller cancelled its gRPC call;</item>
/// <item><c>error.type</c> names an <see cref="OperationCanceledException"/> (or its
/// <see cref="TaskCanceledException"/>), as the HTTP client instrumentation writes it;</item>
/// <item>an <c>exception</c> event's <c>exception.type</c> does.</item>
/// </list>
/// </summary>
public static class SpanCancellation
{
    private const string GrpcCancelled = "1";
    private const string ClientClosedRequest = "499";

    public static bool IsCancelled(TelemetrySpan span) =>
        Has(span.Attributes, "rpc.grpc.status_code", GrpcCancelled)
        || Has(span.Attributes, "grpc.status_code", GrpcCancelled)
        || Has(span.Attributes, "rpc.response.status_code", "CANCELLED")
        || Has(span.Attributes, "profile.part.status", "cancelled")
        || (span.Kind == SpanKind.Server && Has(span.Attributes, "http.response.status_code", ClientClosedRequest))
        || (span.Attributes.TryGetValue("error.type", out var errorType) && IsCancellationType(errorType))
        || span.Events.Any(spanEvent => spanEvent.Name == "exception"
            && spanEvent.Attributes.TryGetValue("exception.type", out var exceptionType)
            && IsCancellationType(exceptionType));

    private static bool Has(IReadOnlyDictionary<string, string> attributes, string key, string value) =>
        attributes.TryGetValue(key, out var actual) && string.Equals(actual, value, StringComparison.OrdinalIgnoreCase);

    private static bool IsCancellationType(string typeName) =>
        typeName.EndsWith(nameof(OperationCanceledException), StringComparison.Ordinal)
        || typeName.EndsWith(nameof(TaskCanceledException), StringComparison.Ordinal);
}
