using CsCheck;

namespace Profiles.System.Tests.BadInput;

/// <summary>
/// Trace context headers, malformed: <c>traceparent</c> (W3C), with its <c>tracestate</c> and
/// <c>baggage</c>, and the legacy <c>Request-Id</c>. ASP.NET Core and OpenTelemetry read them
/// before the gateway's code runs; a bad one may only start a new trace, never change the answer.
/// </summary>
internal static class TraceHeaders
{
    private const string TraceId = "0af7651916cd43dd8448eb211c80319c";
    private const string SpanId = "b7ad6b7169203331";

    private static readonly string[] Traceparents =
    [
        $"00-{TraceId}-{SpanId}-01", $"ff-{TraceId}-{SpanId}-01", $"01-{TraceId}-{SpanId}-01-extra", $"00-{TraceId.ToUpperInvariant()}-{SpanId}-01",
        $"00-{new string('0', 32)}-{SpanId}-01", $"00-{TraceId}-{new string('0', 16)}-01", $"00-{TraceId[..31]}-{SpanId}-01", $"00-{TraceId}-{SpanId}-1",
        $"00-{TraceId}-{SpanId}-zz", $"00-{TraceId}-{SpanId}", $"00-{TraceId}", "00", "", "-", "---", $"00_{TraceId}_{SpanId}_01", $"00-{TraceId}-{SpanId}-01-",
        $"0-{TraceId}-{SpanId}-01", $"00--{TraceId}-{SpanId}-01", $"00-{TraceId}{TraceId}-{SpanId}-01", $"00-{TraceId.Replace('a', 'g')}-{SpanId}-01",
    ];

    private static readonly Gen<string> Junk = Gen.Frequency(
        (3, Gen.String[Gen.Char[' ', '~'], 0, 200]),
        (1, ByteText.Unicode.Select(ByteText.Utf8)),
        (1, Gen.Int[1_024, 10_240].Select(length => new string('a', length))));

    private static readonly Gen<string> Traceparent = Gen.Frequency((3, Gen.OneOf(Traceparents)), (2, Junk));

    private static readonly Gen<string> Tracestate = Gen.Frequency(
        (2, Junk),
        (1, Gen.Int[1, 200].Select(count => string.Join(',', Enumerable.Range(0, count).Select(i => $"k{i}=v{i}")))),
        (1, Gen.OneOf("=", ",,,", "a=", "=b", "a=b=c", "A=1", "a@b=1", "a=1,a=2")));

    private static readonly Gen<string> Baggage = Gen.Frequency(
        (2, Junk),
        (1, Gen.Int[1, 300].Select(count => string.Join(',', Enumerable.Range(0, count).Select(i => $"k{i}=v{i}")))),
        (1, Gen.OneOf("%", "k=%zz", "k=%", "=v", "k=", "k", "k=v;p", "k=v;=;", ",,,", "k=%C0%80", "k=%F0%9F%98%80", "k=v,k=w")));

    /// <summary>One to four trace headers; a name may come twice, as two header lines.</summary>
    public static readonly Gen<(string Name, string Value)[]> Any = Gen.Frequency(
            (4, Traceparent.Select(value => ("traceparent", value))),
            (1, Tracestate.Select(value => ("tracestate", value))),
            (1, Baggage.Select(value => ("baggage", value))),
            (1, Junk.Select(value => ("Request-Id", value))),
            (1, Junk.Select(value => ("Correlation-Context", value))))
        .Array[1, 4];
}
