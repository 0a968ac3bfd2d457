using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.AspNetCore.Mvc;

namespace Profiles.Gateway.Profiles;

/// <summary>
/// A profile as Server-Sent Events: a <c>part</c> event as each part lands, then <c>done</c> with
/// the summary. The fetch runs under the request's cancellation, so closing the stream cancels
/// the scope like any disconnect, and the stream does not end before the fetch has.
/// </summary>
public static class ProfileEvents
{
    public const string PartEvent = "part";
    public const string DoneEvent = "done";

    public static async IAsyncEnumerable<SseItem<object>> ReadAsync(
        ProfileFanOut fanOut,
        ProfileQuery query,
        [EnumeratorCancellation] CancellationToken requestAborted)
    {
        var landed = Channel.CreateUnbounded<LandedPart>(new UnboundedChannelOptions { SingleReader = true });
        var fetch = FetchAsync(fanOut, query, landed.Writer, requestAborted);
        try
        {
            await foreach (var part in landed.Reader.ReadAllAsync(requestAborted))
            {
                yield return new SseItem<object>(part, PartEvent);
            }

            var result = await fetch;
            yield return new SseItem<object>(ProfileSummary.Of(result), DoneEvent);
        }
        finally
        {
            await fetch.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private static async Task<ProfileOutcome> FetchAsync(ProfileFanOut fanOut, ProfileQuery query, ChannelWriter<LandedPart> landed, CancellationToken requestAborted)
    {
        try
        {
            return await fanOut.FetchAsync(query, (report, section) => landed.TryWrite(new LandedPart(report, section)), requestAborted);
        }
        finally
        {
            landed.TryComplete();
        }
    }

    /// <summary>One <c>part</c> event: the part's report and, if it answered, its section.</summary>
    public sealed record LandedPart(PartReport Part, object? Section);

    /// <summary>The <c>done</c> event: the response without its sections, its status, and the problem if there was one.</summary>
    public sealed record ProfileSummary(
        int Status,
        long MemberId,
        long ViewerId,
        string Mode,
        bool Degraded,
        double ElapsedMs,
        double BudgetMs,
        string? TraceId,
        string? CriticalPart,
        IReadOnlyList<PartReport> Parts,
        ProblemDetails? Problem)
    {
        public static ProfileSummary Of(ProfileOutcome outcome) => new(
            outcome.StatusCode,
            outcome.Response.MemberId,
            outcome.Response.ViewerId,
            outcome.Response.Mode,
            outcome.Response.Degraded,
            outcome.Response.ElapsedMs,
            outcome.Response.BudgetMs,
            outcome.Response.TraceId,
            outcome.Response.CriticalPart,
            outcome.Response.Parts,
            outcome.Problem);
    }
}
