using CsCheck;
using Grpc.Core;

namespace Profiles.System.Tests.BadInput;

/// <summary>
/// <c>x-fault</c> header values from every corner of its grammar (<c>services/Contracts/Faults/FaultPlan.cs</c>):
/// <code>
/// header := entry (";" entry)*      entry := target "=" fault
/// fault  := "latency:" duration | "tail:" duration "," percent ":" duration | "error:" status ["@" percent] | "hang"
/// </code>
/// Fault overrides are on in the tests' system (Development), so a valid plan really changes the
/// answer. Valid plans sent with a valid request are kept harmless: delays of 50 ms at most, and
/// errors only on optional parts, so the answer is a 200, degraded at worst. Plans that would
/// rightly fail the request (a hang, a failing <c>members</c>) go with a budget the parser
/// refuses, so they are parsed and never run.
/// </summary>
internal static class FaultHeaders
{
    private static readonly string[] OptionalParts = ["experience", "network", "skills", "activity", "views", "presence"];

    private static readonly string[] Targets = ["members", .. OptionalParts, "*"];

    private static readonly string[] StatusNames =
    [
        .. Enum.GetValues<StatusCode>().Where(status => status != StatusCode.OK).Select(status => status.ToString()),
        "unavailable", "internal", "deadline_exceeded", "resource_exhausted", "not_found", "DATA_LOSS", "Cancelled",
    ];

    /// <summary>One entry per target and aspect, so any subset of them is a valid plan.</summary>
    private static readonly string[] HarmfulEntries =
    [
        "members=hang", "members=error:internal", "members=latency:9.5s", "*=hang", "*=error:unavailable@50%", "*=tail:0ms,50%:2s",
        "skills=latency:10s", "network=latency:600s", "presence=hang", "views=hang", "experience=error:unavailable",
    ];

    private static readonly string[] BadTargets = ["search", "member", "skill", "skills2", "all", "**", "* *", "", "-", "members.skills", "ſkills", "%2A"];

    private static readonly string[] BadFaults =
    [
        "slow", "latency", "tail", "error", "hang:1s", "hang 1s", "hangs", "", ":", "=hang", "latency=5ms",
        "latency:fast", "latency:-5ms", "latency:+5ms", "latency:1e3ms", "latency:NaNms", "latency:Infinityms", "latency:5", "latency:5m",
        "latency:5min", "latency:ms", "latency:s", "latency:600.001s", "latency:600001ms", "latency:99999999999999999999ms",
        "latency:1,5ms", "latency:1 ms", "latency:5 s", "latency:0x10ms", "latency:5sec", "latency:5h", "latency:", "latency:5ms5ms", "latency:1.5.5ms",
        "tail:10ms", "tail:10ms,1%", "tail:10ms:1%,5ms", "tail:,:", "tail:10ms,101%:5ms", "tail:10ms,-1%:5ms", "tail:10ms,1:5ms",
        "tail:10ms,NaN%:5ms", "tail:10ms,1%:5ms,6ms", "tail:10ms,1%:", "tail:10ms,1%:fast", "tail:fast,1%:5ms", "tail:10ms,1%%:5ms",
        "error:teapot", "error:ok", "error:OK", "error:Ok@1%", "error:0", "error:14", "error:+14", "error:-1", "error:", "error:@5%",
        "error:internal@", "error:internal@5", "error:internal@101%", "error:internal@-1%", "error:internal@5%%", "error:internal@@5%",
        "error:internal@NaN%", "error:un available", "error:unavailable!",
        "error:unavailable,internal", "error:cancelled, unknown", "error:Unavailable, Internal",
    ];

    /// <summary>
    /// White space the grammar trims (.NET's <c>Trim</c>) but that cannot go on as gRPC metadata,
    /// which is printable ASCII: the gateway refuses it.
    /// </summary>
    private static readonly string[] OddSpaces = ["\u00A0", "\u2003", "\u3000", "\u0085", "\u1680", "\u2028", "\t", "\u000B", "\u000C", "\u001C", "\u001F"];

    private static readonly Gen<string> Space = Gen.Frequency((6, Gen.Const("")), (2, Gen.Const(" ")), (1, Gen.Const("   ")));

    /// <summary>Grammar words are case-insensitive.</summary>
    private static readonly Gen<Func<string, string>> Casing = Gen.Frequency(
        (6, Gen.Const<Func<string, string>>(word => word)),
        (1, Gen.Const<Func<string, string>>(word => word.ToUpperInvariant())),
        (1, Gen.Const<Func<string, string>>(word => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..])));

    /// <summary>White space around <c>=</c>, <c>:</c>, <c>,</c> and <c>@</c>, which the grammar trims.</summary>
    private static readonly Gen<Func<string, string>> Airy = Gen.Frequency(
        (4, Gen.Const<Func<string, string>>(entry => entry)),
        (1, Gen.Const<Func<string, string>>(entry => string.Concat(entry.Select(c => c is '=' or ':' or ',' or '@' ? $" {c} " : c.ToString())))));

    private static readonly Gen<string> SmallDuration = Gen.Frequency(
        (4, Gen.Int[0, 50].Select(milliseconds => $"{milliseconds}ms")),
        (1, Gen.OneOf("0ms", "0.5ms", ".5ms", "1.ms", "50MS", "0s", "0.05s", "0.001s", "007ms")));

    private static readonly Gen<string> Percent = Gen.Frequency(
        (3, Gen.Int[0, 100].Select(percent => $"{percent}%")),
        (1, Gen.OneOf("0.5%", "100%", "0%", "1.%", ".1%", "99.999%", "100.0%")));

    private static readonly Gen<string> SmallDelay = Gen.Frequency(
        (1, SmallDuration.Select(duration => $"latency:{duration}")),
        (1, Gen.Select(SmallDuration, Percent, SmallDuration, (fast, percent, slow) => $"tail:{fast},{percent}:{slow}")));

    private static readonly Gen<string> Error =
        from status in Gen.OneOf(StatusNames)
        from probability in Gen.Frequency((1, Gen.Const("")), (1, Percent.Select(percent => "@" + percent)))
        select $"error:{status}{probability}";

    private static readonly Gen<string[]> HarmlessEntries =
        Gen.Shuffle(Targets, 1, 4).SelectMany(targets => Concatenated(targets.Select(HarmlessEntriesFor)))
            .SelectMany(entries => Sequence(entries.Select(entry => Airy.Select(airy => airy(entry)))));

    private static readonly Gen<string> BadEntry = Gen.Frequency(
        (2, Gen.Select(Gen.OneOf(BadTargets), SmallDelay, (target, fault) => $"{target}={fault}")),
        (1, Gen.Select(Gen.OneOf(Targets), Gen.OneOf(":", " ", "", "=="), Gen.OneOf("hang", "latency:5ms"), (target, separator, fault) => target + separator + fault)),
        (6, Gen.Select(Gen.OneOf(Targets), Gen.OneOf(BadFaults), (target, fault) => $"{target}={fault}")),
        (2, from target in Gen.OneOf(Targets)
            from casing in Casing
            from twice in Gen.OneOf(("latency:1ms", "latency:2ms"), ("tail:1ms,1%:2ms", "latency:1ms"), ("error:internal", "error:unavailable@5%"))
            select $"{target}={twice.Item1};{casing(target)}={twice.Item2}"));

    private static readonly Gen<string> Harmless = HarmlessEntries.SelectMany(Joined);

    private static readonly Gen<string> Harmful = Gen.Shuffle(HarmfulEntries, 1, 4).SelectMany(Joined);

    private static readonly Gen<string> Invalid =
        from entries in HarmlessEntries
        from bad in BadEntry
        from position in Gen.Int[0, entries.Length]
        from plan in Joined([.. entries.Take(position), bad, .. entries.Skip(position)])
        select plan;

    /// <summary>
    /// A harmless plan with non-ASCII or control white space where the grammar trims, around an
    /// <c>=</c> or a <c>:</c> (every harmless entry has both): inside the header, where Kestrel
    /// does not trim a tab away as it does at either end. Refused, as it cannot go on.
    /// </summary>
    private static readonly Gen<string> OddlySpaced =
        from plan in Harmless
        from space in Gen.OneOf(OddSpaces)
        from mark in Gen.OneOf("=", ":")
        select ReplaceFirst(plan, mark, $"{space}{mark}{space}");

    /// <summary>
    /// A harmless plan padded with empty entries or white space: up to 24 KB reach the gateway, and go
    /// on to every backend; 40 KB and more are over Kestrel's 32 KB of headers.
    /// </summary>
    private static readonly Gen<string> Padded =
        from plan in Harmless
        from padding in Gen.OneOf(";", " ", "; ")
        from length in Gen.Frequency((3, Gen.Int[1_024, 24_576]), (1, Gen.Int[40_960, 120_000]))
        select plan + ";" + string.Concat(Enumerable.Repeat(padding, length / padding.Length));

    /// <summary>Plans as text; the request sends them as UTF-8.</summary>
    public static readonly Gen<FaultPlanText> Any = Gen.Frequency(
        (6, Harmless.Select(plan => new FaultPlanText([plan], PlanKind.Harmless))),
        (1, Gen.OneOf("", " ", ";", " ; ; ").Select(plan => new FaultPlanText([plan], PlanKind.Harmless))),
        (2, Harmful.Select(plan => new FaultPlanText([plan], PlanKind.Harmful))),
        (6, Invalid.Select(plan => new FaultPlanText([plan], PlanKind.Invalid))),
        (1, Gen.Select(Harmless, Harmless, (first, second) => new FaultPlanText([first, second], PlanKind.Invalid))),
        (1, OddlySpaced.Select(plan => new FaultPlanText([plan], PlanKind.Invalid))),
        (1, Padded.Select(plan => new FaultPlanText([plan], PlanKind.Harmless))));

    /// <summary>One target's entries: a small delay, an error (optional parts only), or both, as one entry or two.</summary>
    private static Gen<string[]> HarmlessEntriesFor(string target) =>
        from delay in SmallDelay
        from error in Error
        from aspects in OptionalParts.Contains(target) ? Gen.Int[0, 3] : Gen.Const(0)
        from casing in Casing
        select aspects switch
        {
            0 => new[] { $"{casing(target)}={delay}" },
            1 => [$"{casing(target)}={error}"],
            2 => [$"{casing(target)}={delay}", $"{casing(target)}={error}"],
            _ => [$"{casing(target)}={error}", $"{casing(target)}={delay}"],
        };

    /// <summary>Entries joined by <c>;</c>, with white space around each and now and then empty entries, which the grammar skips.</summary>
    private static Gen<string> Joined(string[] entries) =>
        from spaces in Space.Array[(entries.Length * 2) + 2]
        from separator in Gen.Frequency((6, Gen.Const(";")), (1, Gen.OneOf(";;", "; ;", ";  ;")))
        from ending in Gen.Frequency((4, Gen.Const("")), (1, Gen.OneOf(";", " ;", ";;")))
        select string.Join(separator, entries.Select((entry, i) => spaces[2 * i] + entry + spaces[(2 * i) + 1])) + ending;

    private static Gen<T[]> Concatenated<T>(IEnumerable<Gen<T[]>> generators) =>
        generators.Aggregate(Gen.Const(Array.Empty<T>()), (all, next) => all.SelectMany(done => next.Select(more => (T[])[.. done, .. more])));

    private static Gen<T[]> Sequence<T>(IEnumerable<Gen<T>> generators) =>
        generators.Aggregate(Gen.Const(Array.Empty<T>()), (all, next) => all.SelectMany(done => next.Select(one => (T[])[.. done, one])));

    private static string ReplaceFirst(string text, string what, string with)
    {
        var at = text.IndexOf(what, StringComparison.Ordinal);
        return text[..at] + with + text[(at + what.Length)..];
    }
}
