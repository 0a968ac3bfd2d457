using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Profiles.Load.Driving;

namespace Profiles.Load.Faults;

/// <summary>
/// The views one phase's members were given, against the views their grains gained between a count
/// read before the load began and one read at the end: the system may be shared (the test suite's
/// overload scenario runs on the same one, over every member id), so what a member held before is
/// not this run's. A 200 whose views part answered recorded its view for certain; any other answer
/// may or may not have (a write that failed after Redis took it, a call that timed out after the
/// grain counted it), so it is counted as in doubt, as is a read that had to be tried again after an
/// answer that may have recorded its view (a refusal at admission has not). A view is lost when a
/// member gained fewer than its certain views; it gains more by at most the views in doubt, unless a
/// view was counted twice. Every request carries an <c>Idempotency-Key</c>: HttpClient's own silent
/// resend of a GET is the same view, not a second one the ledger cannot see.
/// <see cref="Discrepancies"/> tells, for each member whose count is off, every answer it was given,
/// so that a failed run says where to look.
/// </summary>
public sealed record ViewLedger(string Phase, long Members, long Certain, long InDoubt, long Stored, long Lost, long CountedTwice, IReadOnlyList<string> Discrepancies)
{
    /// <summary>
    /// Reads each member's count through the gateway, with a view of its own (anonymous, with a long
    /// budget, tried again until its views part answers), eight members at a time.
    /// </summary>
    public static async Task<IReadOnlyDictionary<long, ViewCount>> CountAsync(IEnumerable<long> memberIds, HttpClient gateway, CancellationToken cancellationToken)
    {
        using var concurrency = new SemaphoreSlim(8);
        var counts = await Task.WhenAll(memberIds.Distinct().Select(async memberId =>
        {
            await concurrency.WaitAsync(cancellationToken);
            try
            {
                return (MemberId: memberId, Count: await CountAsync(gateway, memberId, cancellationToken));
            }
            finally
            {
                concurrency.Release();
            }
        }));
        return counts.ToDictionary(count => count.MemberId, count => count.Count);
    }

    /// <summary>
    /// Reads each member's count again and sets the views gained since <paramref name="before"/>, less
    /// the first read's own, against the answers the load had.
    /// </summary>
    public static async Task<ViewLedger> ReadBackAsync(
        string phase, IReadOnlyList<Answer> answers, IReadOnlyDictionary<long, ViewCount> before, HttpClient gateway, CancellationToken cancellationToken)
    {
        var byMember = answers.GroupBy(answer => answer.MemberId).ToList();
        var after = await CountAsync(byMember.Select(member => member.Key), gateway, cancellationToken);
        long certain = 0, inDoubt = 0, stored = 0, lost = 0, countedTwice = 0;
        var discrepancies = new List<string>();
        foreach (var member in byMember)
        {
            var (first, last) = (before[member.Key], after[member.Key]);
            // The last read's view is in its own count; the first read's is in both.
            var gained = last.Views - 1 - first.Views;
            var memberCertain = member.LongCount(answer => answer.RecordedView);
            // A first read's failed try may have recorded its view after the try that counted.
            var memberInDoubt = member.LongCount(answer => !answer.RecordedView && answer.Status != 503) + first.MayHaveRecorded + last.MayHaveRecorded;
            certain += memberCertain;
            inDoubt += memberInDoubt;
            stored += gained;
            lost += Math.Max(0, memberCertain - gained);
            countedTwice += Math.Max(0, gained - memberCertain - memberInDoubt);
            if (gained < memberCertain || gained > memberCertain + memberInDoubt)
            {
                discrepancies.Add(Describe(member.Key, first, last, member));
            }
        }

        return new ViewLedger(phase, byMember.Count, certain, inDoubt, stored, lost, countedTwice, discrepancies);
    }

    /// <summary>A member's two counts and every answer it was given, in the order they were due, with the view count each 200 reported.</summary>
    private static string Describe(long memberId, ViewCount first, ViewCount last, IEnumerable<Answer> answers)
    {
        var given = answers.OrderBy(answer => answer.DueSeconds).Select(answer => string.Create(CultureInfo.InvariantCulture,
            $"{answer.DueSeconds:0.000} s: {answer.Status}{(answer.IsOk ? $" views {answer.StatusOf("views")}{(answer.Parts.TryGetValue("views", out var end) && end.Error is { } error ? $" ({error})" : "")} total {answer.TotalViews?.ToString(CultureInfo.InvariantCulture) ?? "-"}" : "")} in {answer.LatencyMs:0} ms"));
        return string.Create(CultureInfo.InvariantCulture,
            $"member {memberId} read {first.Views} before (tries that failed first: [{string.Join(", ", first.FailedTries)}]) and {last.Views} after ([{string.Join(", ", last.FailedTries)}]); answers: {string.Join("; ", given)}");
    }

    /// <summary>One read of a member's count, and how its tries before the one that read it ended (their statuses).</summary>
    private static async Task<ViewCount> CountAsync(HttpClient gateway, long memberId, CancellationToken cancellationToken)
    {
        var failedTries = new List<int>();
        for (var attempt = 1; ; attempt++)
        {
            using var request = ProfileRequest.WithViewOfItsOwn(new HttpRequestMessage(HttpMethod.Get, $"/api/profiles/{memberId}?viewer=0&budget=10000"));
            using var response = await gateway.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var profile = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                if (profile.TryGetProperty("views", out var views) && views.ValueKind == JsonValueKind.Object)
                {
                    return new ViewCount(views.GetProperty("totalViews").GetInt64(), failedTries);
                }
            }

            failedTries.Add((int)response.StatusCode);
            if (attempt == 20)
            {
                throw new InvalidOperationException($"Member {memberId}'s views could not be read: {(int)response.StatusCode}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }
}

/// <summary>
/// A member's view count as one read found it, the read's own view included, and the statuses of the
/// read's tries before the one that counted: any but a refusal at admission (503) may have recorded a view.
/// </summary>
public sealed record ViewCount(long Views, IReadOnlyList<int> FailedTries)
{
    public int MayHaveRecorded => FailedTries.Count(status => status != 503);
}
