using System.Globalization;
using CsCheck;

namespace Profiles.System.Tests.BadInput;

/// <summary>
/// Query strings: the five parameters valid and hostile, odd and repeated keys, percent-encoding
/// corners, and values up to and over Kestrel's request line limit.
/// </summary>
internal static class QueryStrings
{
    /// <summary>
    /// A valid budget is a generous one: on two busy cores the 500 ms default, or any short budget,
    /// is a legitimate 504 when the members part misses it, and this fuzz is about input, not deadlines.
    /// </summary>
    public static readonly Gen<string> GenerousBudget = Gen.Int[5_000, 10_000].Select(milliseconds => $"budget={milliseconds}");

    private static readonly string[] Keys = ["viewer", "mode", "posts", "hedge"];

    /// <summary>Keys the gateway does not expect, or expects under another spelling (keys are case-insensitive; <c>%62udget</c> is <c>budget</c>).</summary>
    private static readonly string[] OddKeys =
        ["VIEWER", "Mode", "vi%65wer", "%62udget", "Budget", "viewer%00", "viewer[]", "viewer.x", "", "%", "%%", "mode%20", "x-fault", "memberId", "foo", "amp;viewer", "%F0%9F%98%80"];

    private static readonly string[] ValueCorners =
    [
        "", "-0", "-1", "+5", "%205", "5%20", "5%00", "%00", "%", "%%", "%zz", "%4", "%C0%80", "%FF", "%ED%A0%80", "+", "%2B5", "a=b", "1,2", "1;2",
        "0x10", "1e3", "1.5", "5.", ".5", "NaN", "Infinity", "-Infinity", "2147483648", "-2147483649", "9223372036854775808", "true", "null", "%E2%80%AE",
        "%EF%BC%95", "%D9%A5", "concurrent%00", "CONCURRENT%20", "sequential,blocking", "on,off", "yes", "0n", "%6Fn",
    ];

    private static readonly string[] Modes = ["concurrent", "sequential", "blocking", "Concurrent", "SEQUENTIAL", "bLoCkInG"];

    private static readonly string[] Switches = ["on", "off", "true", "false", "ON", "False"];

    /// <summary>Long values: up to 6 KB reach the gateway, 9 KB and more are over Kestrel's 8 KB request line.</summary>
    private static readonly Gen<string> LongValue =
        from length in Gen.Frequency((3, Gen.Int[1_024, 6_144]), (1, Gen.Int[9_216, 12_288]))
        from filler in Gen.OneOf('1', 'a', '%')
        select filler == '%' ? string.Concat(Enumerable.Repeat("%41", length / 3)) : new string(filler, length);

    private static readonly Gen<string> Hostile = Gen.Frequency(
        (4, Gen.OneOf(ValueCorners)),
        (1, Gen.Long.Select(ByteText.Invariant)),
        (1, ByteText.Digits(19, 200)),
        (2, ByteText.Unicode.Select(ByteText.PercentEncoded)),
        (1, LongValue));

    /// <summary>A budget the parser must refuse: never a valid one, which if short could rightly be a 504.</summary>
    private static readonly Gen<string> InvalidBudget = Gen.Frequency(
            (3, Hostile),
            (1, Gen.OneOf("9", "10001", "0", "2147483647", "5000.0", "5e3", "5,000", "0x1388", "+5000", "%205000", "5000%20", "%2B5000", "5000%00", "5000ms")),
            (1, Gen.Int[int.MinValue, 9].Select(milliseconds => ByteText.Invariant(milliseconds))),
            (1, Gen.Long[10_001, long.MaxValue].Select(ByteText.Invariant)))
        .Where(value => !IsValidBudget(value));

    /// <summary>The budget: one generous valid value, one the parser must refuse, or two (a repeated key is two values, so invalid).</summary>
    private static readonly Gen<(string Text, Expectation Expected)> Budget = Gen.Frequency(
        (6, GenerousBudget.Select(budget => (budget, Expectation.Answer))),
        (2, InvalidBudget.Select(value => ($"budget={value}", Expectation.Answer.Rejecting("budget")))),
        (1, Gen.Select(GenerousBudget, GenerousBudget, (first, second) => ($"{first}&{second}", Expectation.Answer.Rejecting("budget")))));

    private static readonly Gen<string> Parameter =
        from key in Gen.Frequency((4, Gen.OneOf(Keys)), (1, Gen.OneOf(OddKeys)))
        from value in ValueOf(key)
        from bare in Gen.Int[0, 15]
        select bare == 0 ? key : $"{key}={value}";

    /// <summary>
    /// A query string (with its <c>?</c>) that always says a budget, and what the budget's validity
    /// promises. Parameters other than the budget may repeat, be odd, or be invalid; then the answer
    /// is a 400, whose reasons are the parser's to give. Only <c>&amp;</c> separates them: a <c>;</c>
    /// or <c>&amp;amp;</c> would fold the budget into another value and leave the short default.
    /// </summary>
    public static readonly Gen<(string Query, Expectation Expected)> Any =
        from parameters in Parameter.List[0, 6]
        from budget in Budget
        from position in Gen.Int[0, 6]
        from separator in Gen.Frequency((8, Gen.Const("&")), (1, Gen.Const("&&")))
        select ("?" + string.Join(separator, parameters.Take(position).Append(budget.Text).Concat(parameters.Skip(position))), budget.Expected);

    private static Gen<string> ValueOf(string key) => key switch
    {
        "viewer" => Gen.Frequency((3, Gen.Long[0, 100_000].Select(ByteText.Invariant)), (1, Gen.Long[100_001, long.MaxValue].Select(ByteText.Invariant)), (3, Hostile)),
        "mode" => Gen.Frequency((3, Gen.OneOf(Modes)), (2, Hostile)),
        "posts" => Gen.Frequency((3, Gen.Int[1, 50].Select(posts => ByteText.Invariant(posts))), (2, Hostile)),
        "hedge" => Gen.Frequency((3, Gen.OneOf(Switches)), (2, Hostile)),
        _ => Hostile,
    };

    private static bool IsValidBudget(string value) =>
        int.TryParse(Uri.UnescapeDataString(value.Replace('+', ' ')), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
        && milliseconds is >= 10 and <= 10_000;
}
