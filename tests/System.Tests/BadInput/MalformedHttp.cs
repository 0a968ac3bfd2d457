using CsCheck;

namespace Profiles.System.Tests.BadInput;

/// <summary>
/// Requests that are not quite HTTP/1.1: odd methods, targets, versions, header lines and line
/// ends, and bytes that are no HTTP at all. Kestrel refuses most of them itself (a 400, 405 or
/// 414 with no body); those it lets through are the gateway's to answer.
/// </summary>
/// <remarks>
/// Not generated: a version of eight characters other than <c>HTTP/1.0</c> and <c>HTTP/1.1</c>
/// (<c>HTTP/1.2</c>, <c>http/1.1</c>, <c>HTTP/11</c>), which Kestrel answers with 505 HTTP
/// Version Not Supported, as RFC 9110 (15.6.6) has it, before any of the gateway's code runs;
/// and a request line ended by a bare CR, which Kestrel waits on until its request headers
/// timeout (the slow-header tests cover that wait).
/// </remarks>
internal static class MalformedHttp
{
    private static readonly string[] Methods = ["GET", "get", "Get", "GETT", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "G\0T", ""];

    /// <summary>Targets that may reach the profile endpoints carry a generous budget, as every valid request of the fuzz does (<see cref="QueryStrings.GenerousBudget"/>).</summary>
    private static readonly string[] Targets =
    [
        "/api/profiles/42?budget=5000", "api/profiles/42?budget=5000", "*", "http://localhost/api/profiles/42?budget=5000",
        "http://evil.example/api/profiles/42?budget=5000", "localhost:80", "/api/profiles/4 2?budget=5000", "/api/profiles/42\0?budget=5000",
        "/api/profiles/%00?budget=5000", "/api/profiles/42?budget=5000#fragment", "//api/profiles/42?budget=5000", "/API/PROFILES/42?BUDGET=5000",
        "/api/profiles/\u0001?budget=5000", "/api/profiles/42?budget=5000&viewer=\u007F", "/api/profiles/42?budget=5000&q=\"<>{}|\\^`",
        "/api/profiles/42/stream?budget=5000", "/%2E%2E/api/profiles/42?budget=5000", "/api/./profiles/../profiles/42?budget=5000",
        "/api/profiles/42?budget=5000" + new string('&', 2_000),
    ];

    private static readonly string[] Versions = ["HTTP/1.1", "HTTP/1.0", "HTTP/1", "HTTP/1.1x", "HTTP/1.01", "HTTP/10.0", "HTTP/1.1 ", "HTTP/1.1\t", ""];

    /// <summary>Header lines after the request line (Host is one of them or missing), each ended as the request's line end says.</summary>
    private static readonly string[][] HeaderBlocks =
    [
        ["Host: localhost"], [], ["Host: a b"], ["Host: localhost:99999"], ["Host: "], ["Host: localhost", "Host: other"],
        ["Host: localhost", "x-fault hang"], ["Host: localhost", "x-fault : skills=latency:5ms"], ["Host: localhost", ": v"], ["Host: localhost", "x(fault): v"],
        ["Host: localhost", "x-f\u00C3\u00A4ult: v"], ["Host: localhost", "x-fault: a\0b"], ["Host: localhost", "x-fault: \u00FF\u00FE"],
        ["Host: localhost", "x-fault: skills=latency:5ms", " network=latency:5ms"], ["Host: localhost", "x-a: b\rx-b: c"], ["Host: localhost", "\tx-a: b"],
        ["Host: localhost", "x-fault: \u00C2\u00A0skills=latency:5ms"], ["Host: localhost", "x-fault: skills=latency:5ms\u0001"],
    ];

    private static readonly Gen<string> WellFramed =
        from method in Gen.OneOf(Methods)
        from target in Gen.OneOf(Targets)
        from version in Gen.OneOf(Versions)
        from headers in Gen.OneOf(HeaderBlocks)
        from lineEnd in Gen.Frequency((6, Gen.Const("\r\n")), (1, Gen.Const("\n")))
        from leading in Gen.Frequency((6, Gen.Const("")), (1, Gen.OneOf("\r\n", "\r\n\r\n")))
        from trailing in Gen.Frequency((6, Gen.Const("")), (1, Gen.OneOf("GET / HTTP/1.1\r\n\r\n", "\0\0\0", "garbage\r\n\r\n")))
        select leading + string.Concat(new[] { $"{method} {target} {version}" }.Concat(headers).Select(line => line + lineEnd)) + lineEnd + trailing;

    /// <summary>Bytes that are no HTTP request, ended by an empty line so that Kestrel judges them at once rather than waiting for more.</summary>
    private static readonly Gen<string> NotHttp = Gen.Frequency(
        (1, Gen.Const("\u0016\u0003\u0001\u0002\0\u0001\0\u0001\u00FC\u0003\u0003" + new string('\0', 64))),
        (1, Gen.OneOf("SSH-2.0-OpenSSH_9.6", "\u00FF\u00F4\u00FF\u00FD\u0006", "{\"jsonrpc\":\"2.0\"}", "*1\r\n$4\r\nPING")),
        (3, Gen.String[Gen.Char['\0', '\xFF'], 1, 512]))
        .Select(bytes => bytes + "\r\n\r\n");

    public static readonly Gen<string> Any = Gen.Frequency((5, WellFramed), (1, NotHttp));
}
