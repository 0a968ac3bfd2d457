using CsCheck;

namespace Profiles.System.Tests.BadInput;

/// <summary>The member id as the path segment carries it: real ones, and every shape an id should not have.</summary>
internal static class MemberIds
{
    /// <summary>A member that exists (ids 1..100000), so that whatever else the request says decides its answer.</summary>
    public static readonly Gen<string> Existing = Gen.Long[1, 100_000].Select(ByteText.Invariant);

    /// <summary>Segments that still reach <c>/api/profiles/{memberId}</c>, where the parser must refuse or accept them.</summary>
    private static readonly string[] Corners =
    [
        "0", "-0", "+42", "042", "0000000000000000000042", "%2042", "42%20", "%0942", "42%0A", "42%0D%0Ax-fault:%20members=hang",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "18446744073709551616",
        "1e3", "4.2", "4,2", "0x2A", "NaN", "Infinity", "null", "true", "%7B%7D", "%3Cscript%3E", "'%20OR%201=1",
        "%00", "42%00", "%34%32", "%2534%2532", "4%2F2", "%2F", "%5C", "%", "%%", "%G1", "%4", "%C0%80", "%FF%FE", "%ED%A0%80",
        "%E2%80%AE42", "%EF%BC%94%EF%BC%92", "%D9%A4%D9%A2", "%F0%9F%98%80", "42;x=1", "42%3Fviewer=1", "42%23frag", "~", "..%2F42",
    ];

    /// <summary>Segments that miss the route (a 404 problem): an empty id, extra segments, dot segments.</summary>
    private static readonly string[] OffRoute = ["", "42/", "42//", "42/extra", "..", ".", "42/stream/more", "42/.."];

    /// <summary>The segment, and whether the request still reaches the profile endpoints.</summary>
    public static readonly Gen<(string Segment, bool OnRoute)> Any = Gen.Frequency(
        (8, Existing.Select(OnRoute)),
        (1, Gen.Long[100_001, long.MaxValue].Select(ByteText.Invariant).Select(OnRoute)),
        (1, Gen.Long[long.MinValue, 0].Select(ByteText.Invariant).Select(OnRoute)),
        (1, ByteText.Digits(19, 2_000).Select(OnRoute)),
        (1, ByteText.Unicode.Select(ByteText.PercentEncoded).Select(OnRoute)),
        (3, Gen.OneOf(Corners).Select(OnRoute)),
        (1, Gen.OneOf(OffRoute).Select(segment => (segment, false))));

    private static (string, bool) OnRoute(string segment) => (segment, true);
}
