using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Profiles.Load.Driving;

namespace Profiles.Load.Faults;

/// <summary>
/// The views one phase's members were given, against what the grains hold at the end. A 200 whose
/// views part answered recorded its view for certain; any other answer may or may not have (a write
/// that failed after Redis took it, a call that timed out after the grain counted it), so it is
/// counted as in doubt, as is a read-back that had to be tried again after an answer that may have
/// recorded its view (a refusal at admission has not). A view is lost when a member holds fewer
/// than its certain views; it holds more by at most the views in doubt, unless a view was counted twice.
/// Every request carries an <c>Idempotency-Key</c>: HttpClient's own silent resend of a GET is the
/// same view, not a second one the ledger cannot see. <see cref="Discrepancies"/> tells, for each
/// member whose count is off, every answer it was given, so that a failed run says where to look.
/// </summary>
public sealed record ViewLedger(string Phase, long Members, long Certain, long InDoubt, long Stored, long Lost, long CountedTwice, IReadOnlyList<string> Discrepancies)
{
    /// <summary>
    /// Reads each member's count back through the gateway, with one more view (anonymous, with a long
    /// budget, retried until its views part answers), and compares it with the answers the load had.
    /// </summary>
    public static async Task<ViewLedger> ReadBackAsync(string phase, IReadOnlyList<Answer> answers, HttpClient gateway, CancellationToken cancellationToken)
    {
        var byMember = answers.GroupBy(answer => answer.MemberId).ToList();
        long certain = 0, inDoubt = 0, stored = 0, lost = 0, countedTwice = 0;
        using var concurrency = new SemaphoreSlim(8);
        var readBack = await Task.WhenAll(byMember.Select(async member =>
        {
            await concurrency.WaitAsync(cancellationToken);
            try
            {
                var (held, tries) = await StoredViewsAsync(gateway, member.Key, cancellationToken);
                return (Member: member, Stored: held, ReadBack: tries);
            }
            finally
            {
                concurrency.Release();
            }
        }));
        var discrepancies = new List<string>();
        foreach (var (member, held, tries) in readBack)
        {
            var memberCertain = member.LongCount(answer => answer.RecordedView);
            var memberInDoubt = member.LongCount(answer => !answer.RecordedView && answer.Status != 503) + tries.Count(MayHaveRecorded);
            certain += memberCertain;
            inDoubt += memberInDoubt;
            stored += held;
            lost += Math.Max(0, memberCertain - held);
            countedTwice += Math.Max(0, held - memberCertain - memberInDoubt);
            if (held < memberCertain || held > memberCertain + memberInDoubt)
            {
                discrepancies.Add(Describe(member.Key, held, member, tries));
            }
        }

        return new ViewLedger(phase, byMember.Count, certain, inDoubt, stored, lost, countedTwice, discrepancies);
    }

    /// <summary>A try of the read-back that may have recorded a view without telling its count: all but a refusal at admission.</summary>
    private static bool MayHaveRecorded(string tryStatus) => tryStatus != "503";

    /// <summary>A member's count and every answer it was given, in the order they were due, with the view count each 200 reported.</summary>
    private static string Describe(long memberId, long held, IEnumerable<Answer> answers, IReadOnlyList<string> failedTries)
    {
        var given = answers.OrderBy(answer => answer.DueSeconds).Select(answer => string.Create(CultureInfo.InvariantCulture,
            $"{answer.DueSeconds:0.000} s: {answer.Status}{(answer.IsOk ? $" views {answer.StatusOf("views")}{(answer.Parts.TryGetValue("views", out var end) && end.Error is { } error ? $" ({error})" : "")} total {answer.TotalViews?.ToString(CultureInfo.InvariantCulture) ?? "-"}" : "")} in {answer.LatencyMs:0} ms"));
        return string.Create(CultureInfo.InvariantCulture,
            $"member {memberId} holds {held}; read-back tries before the one that read it: [{string.Join(", ", failedTries)}]; answers: {string.Join("; ", given)}");
    }

    /// <summary>The views a member held before its read-back, and how the read-back's tries before the one that read it ended (status, and the views part's for a 200).</summary>
    private static async Task<(long Stored, IReadOnlyList<string> FailedTries)> StoredViewsAsync(HttpClient gateway, long memberId, CancellationToken cancellationToken)
    {
        var failedTries = new List<string>();
        for (var attempt = 1; ; attempt++)
        {
            using var request = ProfileRequest.WithViewOfItsOwn(new HttpRequestMessage(HttpMethod.Get, $"/api/profiles/{memberId}?viewer=0&budget=10000"));
            using var response = await gateway.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var profile = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                if (profile.TryGetProperty("views", out var views) && views.ValueKind == JsonValueKind.Object)
                {
                    // The read-back is a view too, stored before it was answered.
                    return (views.GetProperty("totalViews").GetInt64() - 1, failedTries);
                }
            }

            failedTries.Add(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));

            if (attempt == 20)
            {
                throw new InvalidOperationException($"Member {memberId}'s views could not be read back: {(int)response.StatusCode}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }
}
