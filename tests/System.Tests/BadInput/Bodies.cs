using CsCheck;

namespace Profiles.System.Tests.BadInput;

/// <summary>
/// Bodies on a GET, which the profile endpoints never read: framed properly, framed wrongly, or
/// promised and not sent. The answer comes before Kestrel would read them; framing Kestrel cannot
/// parse at all (a negative or doubled length, a final coding other than chunked) it refuses.
/// </summary>
internal static class Bodies
{
    private static readonly string[] ContentTypes =
        ["application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=", "text/plain; charset=utf-16", "application/octet-stream", "*/*", ""];

    private static readonly Gen<string> Payload = Gen.Frequency(
        (3, Gen.String[Gen.Char['\0', '\xFF'], 0, 4_096]),
        (1, Gen.OneOf("{\"memberId\":1}", "viewer=1&budget=10", "--\r\n\r\n--", "\0\0\0\0", "null", "[", "GET /api/profiles/42 HTTP/1.1\r\nHost: localhost\r\n\r\n")),
        (1, Gen.Int[65_536, 262_144].Select(length => new string('a', length))));

    /// <summary>The framing headers, the bytes sent after the header block, and whether Kestrel may refuse the framing.</summary>
    public static readonly Gen<((string Name, string Value)[] Headers, string Body, bool Malformed)> Any =
        from payload in Payload
        from contentType in Gen.OneOf(ContentTypes)
        from framing in Gen.Int[0, 9]
        select framing switch
        {
            0 => (new[] { ("Content-Type", contentType), ("Content-Length", ByteText.Invariant(payload.Length)) }, payload, false),
            1 => ([("Transfer-Encoding", "chunked")], Chunked(payload), false),
            2 => ([("Content-Length", ByteText.Invariant(payload.Length + 1_000))], payload, false),
            3 => ([("Content-Length", "1")], payload, false),
            4 => ([("Expect", "100-continue"), ("Content-Length", ByteText.Invariant(payload.Length))], payload, false),
            5 => ([("Transfer-Encoding", "chunked")], $"zz\r\n{payload}\r\n", true),
            6 => ([("Transfer-Encoding", "chunked"), ("Content-Length", ByteText.Invariant(payload.Length))], Chunked(payload), true),
            7 => ([("Content-Length", "-1")], payload, true),
            8 => ([("Content-Length", "5"), ("Content-Length", "6")], payload, true),
            _ => ([("Transfer-Encoding", "gzip")], payload, true),
        };

    private static string Chunked(string payload) =>
        payload.Length == 0 ? "0\r\n\r\n" : $"{payload.Length:x}\r\n{payload}\r\n0\r\n\r\n";
}
