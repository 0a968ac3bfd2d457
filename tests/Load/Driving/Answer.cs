using System.Text.Json;

namespace Profiles.Load.Driving;

/// <summary>
/// One profile request as the fault scenarios look at it: when it was due (seconds into the run),
/// how long it took from then, its status and <c>Retry-After</c>, and for a profile, whether it was
/// degraded, how each part ended and the view count the views part answered.
/// </summary>
public sealed record Answer(
    double DueSeconds,
    double LatencyMs,
    int Status,
    long MemberId,
    bool HasRetryAfter,
    bool Degraded,
    IReadOnlyDictionary<string, PartEnd> Parts,
    long? TotalViews,
    double? GatewayElapsedMs)
{
    public bool IsOk => Status == 200;

    public string? StatusOf(string part) => Parts.TryGetValue(part, out var end) ? end.Status : null;

    /// <summary>A 200 whose views part answered: the view is stored, since the grain answers only once it is (ProfileViewsGrain).</summary>
    public bool RecordedView => IsOk && StatusOf("views") == "ok";

    /// <summary>Reads a profile's answer; anything else (a problem, no answer) keeps its status only.</summary>
    public static Answer Read(double dueSeconds, double latencyMs, int status, long memberId, bool hasRetryAfter, byte[]? body)
    {
        if (status != 200 || body is null)
        {
            return new Answer(dueSeconds, latencyMs, status, memberId, hasRetryAfter, false, new Dictionary<string, PartEnd>(), null, null);
        }

        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var parts = PartEnd.ReadAll(root);
        long? views = root.TryGetProperty("views", out var section) && section.ValueKind == JsonValueKind.Object
            ? section.GetProperty("totalViews").GetInt64()
            : null;
        return new Answer(dueSeconds, latencyMs, status, memberId, hasRetryAfter, root.GetProperty("degraded").GetBoolean(), parts, views,
            root.GetProperty("elapsedMs").GetDouble());
    }
}

/// <summary>
/// How one part of a profile ended (<c>ok</c>, <c>failed</c>, <c>timeout</c>, …), its error (e.g.
/// <c>circuit-open</c>), how long it took, its attempts, whether a hedge gave its answer and whether
/// the backend's budget refused it a hedge.
/// </summary>
public sealed record PartEnd(string Status, string? Error, double ElapsedMs, int Attempts, bool Hedged, bool BudgetRefused)
{
    /// <summary>The profile's <c>parts</c>, by name.</summary>
    public static Dictionary<string, PartEnd> ReadAll(JsonElement profile)
    {
        var parts = new Dictionary<string, PartEnd>(StringComparer.Ordinal);
        foreach (var part in profile.GetProperty("parts").EnumerateArray())
        {
            parts[part.GetProperty("name").GetString()!] = new PartEnd(
                part.GetProperty("status").GetString()!,
                part.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String ? error.GetString() : null,
                part.GetProperty("elapsedMs").GetDouble(),
                part.GetProperty("attempts").GetInt32(),
                part.GetProperty("hedged").GetBoolean(),
                part.GetProperty("budgetRefused").GetBoolean());
        }

        return parts;
    }
}
