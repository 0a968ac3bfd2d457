using System.Text.Json;

namespace Profiles.System.Tests.BadInput;

/// <summary>
/// Whether an answer is one the gateway may give: a valid profile (200), a problem detail whose
/// <c>status</c> is the answer's (4xx), or, for what never reached the gateway's code, Kestrel's
/// own refusal. Never a 5xx.
/// </summary>
internal static class AnswerRules
{
    private const int PartCount = 7;

    /// <summary>Null when the answer is acceptable, otherwise what is wrong with it.</summary>
    public static string? Violation(Expectation expected, RawResponse response)
    {
        if (expected.Limit is { } limit)
        {
            return response.Status is null || response.Status == limit && response.IsKestrelRefusal
                ? null
                : $"expected Kestrel's {limit} or the connection closed";
        }

        return response.Status switch
        {
            null => "the connection closed without an answer",
            200 when expected.Rejects.Count > 0 => $"a 200 where a 400 naming {string.Join(", ", expected.Rejects)} was due",
            200 => ProfileViolation(response),
            >= 400 and < 500 when response.IsKestrelRefusal => expected.KestrelMayRefuse ? null : "Kestrel refused a well-formed request",
            >= 400 and < 500 => ProblemViolation(expected, response),
            _ => $"a {response.Status}: neither a profile nor a 4xx problem",
        };
    }

    private static string? ProfileViolation(RawResponse response)
    {
        if (response.ContentType.StartsWith("text/event-stream", StringComparison.Ordinal))
        {
            return StreamViolation(response);
        }

        if (!response.ContentType.StartsWith("application/json", StringComparison.Ordinal) || response.Json() is not { } profile)
        {
            return "a 200 that is not a JSON profile";
        }

        return profile.ValueKind == JsonValueKind.Object
            && profile.TryGetProperty("memberId", out var memberId) && memberId.TryGetInt64(out var id) && id >= 1
            && profile.TryGetProperty("parts", out var parts) && parts.ValueKind == JsonValueKind.Array && parts.GetArrayLength() == PartCount
            ? null
            : "a 200 whose JSON is not a profile with its seven parts";
    }

    /// <summary>A part event for each of the seven parts, then <c>done</c> with the status the plain request would have had.</summary>
    private static string? StreamViolation(RawResponse response)
    {
        var events = ServerSentEvents.Parse(response.Text);
        if (events.Count(item => item.Type == "part") != PartCount || events.LastOrDefault().Type != "done")
        {
            return $"a stream without {PartCount} part events and a done event ({events.Count} events)";
        }

        return events[^1].Data.TryGetProperty("status", out var status) && status.TryGetInt32(out var code) && code < 500
            ? null
            : $"a stream whose done event says {events[^1].Data}";
    }

    private static string? ProblemViolation(Expectation expected, RawResponse response)
    {
        if (!response.ContentType.StartsWith("application/problem+json", StringComparison.Ordinal)
            || response.Json() is not { ValueKind: JsonValueKind.Object } problem
            || !problem.TryGetProperty("status", out var status) || !status.TryGetInt32(out var code) || code != response.Status)
        {
            return "a 4xx that is not a problem detail with its status";
        }

        var named = problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
            ? errors.EnumerateObject().Select(error => error.Name).ToHashSet(StringComparer.Ordinal)
            : [];
        if (expected.Rejects.FirstOrDefault(parameter => !named.Contains(parameter)) is { } missed)
        {
            return $"a problem that does not name '{missed}'";
        }

        return expected.Accepts.FirstOrDefault(named.Contains) is { } wronglyNamed
            ? $"a problem that names the valid '{wronglyNamed}'"
            : null;
    }
}
