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
/// same view, not a second one the ledger cannot see.
/// </summary>
public sealed record ViewLedger(string Phase, long Members, long Certain, long InDoubt, long Stored, long Lost, long CountedTwice)
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
                var (held, doubtful) = await StoredViewsAsync(gateway, member.Key, cancellationToken);
                return (Member: member, Stored: held, ReadBackInDoubt: doubtful);
            }
            finally
            {
                concurrency.Release();
            }
        }));
        foreach (var (member, held, readBackInDoubt) in readBack)
        {
            var memberCertain = member.LongCount(answer => answer.RecordedView);
            var memberInDoubt = member.LongCount(answer => !answer.RecordedView && answer.Status != 503) + readBackInDoubt;
            certain += memberCertain;
            inDoubt += memberInDoubt;
            stored += held;
            lost += Math.Max(0, memberCertain - held);
            countedTwice += Math.Max(0, held - memberCertain - memberInDoubt);
        }

        return new ViewLedger(phase, byMember.Count, certain, inDoubt, stored, lost, countedTwice);
    }

    /// <summary>The views a member held before its read-back, and how many of the read-back's own tries may have recorded one too.</summary>
    private static async Task<(long Stored, long InDoubt)> StoredViewsAsync(HttpClient gateway, long memberId, CancellationToken cancellationToken)
    {
        long inDoubt = 0;
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
                    return (views.GetProperty("totalViews").GetInt64() - 1, inDoubt);
                }
            }

            if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable)
            {
                inDoubt++;
            }

            if (attempt == 20)
            {
                throw new InvalidOperationException($"Member {memberId}'s views could not be read back: {(int)response.StatusCode}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }
}
