using System.Globalization;
using Grpc.Core;

namespace Profiles.Contracts.Faults;

/// <summary>
/// A parsed <c>x-fault</c> header: which part suffers which fault.
/// <code>
/// header := entry (";" entry)*
/// entry  := target "=" fault
/// target := members | experience | network | skills | activity | views | presence | "*"
/// fault  := "latency:" duration
///         | "tail:" duration "," percent ":" duration
///         | "error:" status ["@" percent]
///         | "hang"
/// </code>
/// Durations are <c>250ms</c> or <c>2s</c>; statuses are gRPC status names (<c>unavailable</c>,
/// <c>deadline_exceeded</c>, ...). A part's own entries win over <c>*</c>, aspect by aspect, so
/// <c>*=latency:100ms; members=error:internal</c> delays members by 100 ms and then fails it.
/// </summary>
public sealed class FaultPlan
{
    /// <summary>The HTTP header and gRPC metadata key, and the Orleans <c>RequestContext</c> key.</summary>
    public const string HeaderName = "x-fault";

    private const string AnyPart = "*";

    public static readonly FaultPlan Empty = new(new Dictionary<string, FaultRule>(), "");

    private static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(10);

    private readonly IReadOnlyDictionary<string, FaultRule> _rules;

    private FaultPlan(IReadOnlyDictionary<string, FaultRule> rules, string text)
    {
        _rules = rules;
        Text = text;
    }

    /// <summary>The header as it was given, to pass on to the next hop unchanged.</summary>
    public string Text { get; }

    public bool IsEmpty => _rules.Count == 0;

    /// <summary>The rule for <paramref name="part"/>, or null when the plan says nothing about it.</summary>
    public FaultRule? For(string part)
    {
        _rules.TryGetValue(part, out var own);
        _rules.TryGetValue(AnyPart, out var any);
        return (own, any) switch
        {
            (null, null) => null,
            (not null, null) => own,
            (null, not null) => any,
            _ => own.Over(any),
        };
    }

    public static FaultPlan Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return Empty;
        }

        var rules = new Dictionary<string, FaultRule>(StringComparer.Ordinal);
        foreach (var rawEntry in header.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = rawEntry.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                throw new FaultPlanFormatException(rawEntry, "expected <part>=<fault>");
            }

            var target = rawEntry[..separator].Trim().ToLowerInvariant();
            if (target != AnyPart && !PartNames.IsKnown(target))
            {
                throw new FaultPlanFormatException(target, $"unknown part; expected one of {string.Join(", ", PartNames.All)} or *");
            }

            var fault = ParseFault(rawEntry[(separator + 1)..].Trim());
            rules[target] = rules.TryGetValue(target, out var earlier) ? Combine(target, earlier, fault) : fault;
        }

        return new FaultPlan(rules, header.Trim());
    }

    public static bool TryParse(string? header, out FaultPlan plan, out FaultPlanFormatException? error)
    {
        try
        {
            plan = Parse(header);
            error = null;
            return true;
        }
        catch (FaultPlanFormatException exception)
        {
            plan = Empty;
            error = exception;
            return false;
        }
    }

    /// <summary>Entries for the same target add up (a delay, then an error), but may not say one aspect twice.</summary>
    private static FaultRule Combine(string target, FaultRule earlier, FaultRule later)
    {
        if (earlier.Delay is not null && later.Delay is not null)
        {
            throw new FaultPlanFormatException(target, "two delay models for the same part");
        }

        if (earlier.Error is not null && later.Error is not null)
        {
            throw new FaultPlanFormatException(target, "two errors for the same part");
        }

        return later.Over(earlier);
    }

    private static FaultRule ParseFault(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kind = (colon < 0 ? text : text[..colon]).Trim().ToLowerInvariant();
        var argument = colon < 0 ? null : text[(colon + 1)..].Trim();

        return kind switch
        {
            "hang" when argument is null => new FaultRule(Hang: true),
            "latency" when argument is not null => new FaultRule(Delay: new DelayModel.Fixed(ParseDuration(argument))),
            "tail" when argument is not null => new FaultRule(Delay: ParseTail(argument)),
            "error" when argument is not null => ParseError(argument),
            "hang" or "latency" or "tail" or "error" => throw new FaultPlanFormatException(text, SyntaxOf(kind)),
            _ => throw new FaultPlanFormatException(text, "unknown fault; expected latency, tail, error or hang"),
        };
    }

    private static string SyntaxOf(string kind) => kind switch
    {
        "hang" => "expected 'hang' with no argument",
        "latency" => "expected latency:<n>ms",
        "tail" => "expected tail:<base>ms,<p>%:<slow>ms",
        _ => "expected error:<grpc status>[@<p>%]",
    };

    private static DelayModel.Tail ParseTail(string argument)
    {
        // tail:<base>,<p>%:<slow>  e.g. tail:10ms,1%:1000ms
        var comma = argument.IndexOf(',', StringComparison.Ordinal);
        var colon = argument.IndexOf(':', StringComparison.Ordinal);
        if (comma < 0 || colon < comma)
        {
            throw new FaultPlanFormatException("tail:" + argument, SyntaxOf("tail"));
        }

        return new DelayModel.Tail(
            ParseDuration(argument[..comma]),
            ParsePercent(argument[(comma + 1)..colon]),
            ParseDuration(argument[(colon + 1)..]));
    }

    private static FaultRule ParseError(string argument)
    {
        var at = argument.IndexOf('@', StringComparison.Ordinal);
        var statusText = (at < 0 ? argument : argument[..at]).Trim();
        var probability = at < 0 ? 1 : ParsePercent(argument[(at + 1)..]);

        // A name, not what else Enum.TryParse reads: a number, or a comma-separated list of flags
        // ("unavailable,internal" would be Unavailable | Internal, which is DataLoss).
        var normalized = statusText.Replace("_", "", StringComparison.Ordinal);
        if (normalized.Length == 0
            || !normalized.All(char.IsAsciiLetter)
            || !Enum.TryParse<StatusCode>(normalized, ignoreCase: true, out var status)
            || status == StatusCode.OK)
        {
            throw new FaultPlanFormatException(statusText, "expected a gRPC error status such as unavailable, internal or deadline_exceeded");
        }

        return new FaultRule(Error: status, ErrorProbability: probability);
    }

    private static TimeSpan ParseDuration(string text)
    {
        var trimmed = text.Trim();
        var (number, scale) = trimmed.EndsWith("ms", StringComparison.OrdinalIgnoreCase)
            ? (trimmed[..^2], 1.0)
            : trimmed.EndsWith('s') ? (trimmed[..^1], 1000.0) : (null, 0);

        if (number is null
            || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value)
            || value * scale > MaxDuration.TotalMilliseconds)
        {
            throw new FaultPlanFormatException(trimmed, "expected a duration such as 250ms or 2s, at most 10 minutes");
        }

        return TimeSpan.FromMilliseconds(value * scale);
    }

    private static double ParsePercent(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.EndsWith('%')
            || !double.TryParse(trimmed[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent)
            || !double.IsFinite(percent)
            || percent > 100)
        {
            throw new FaultPlanFormatException(trimmed, "expected a percentage such as 1% or 0.5%");
        }

        return percent / 100;
    }

    public override string ToString() => Text;
}
