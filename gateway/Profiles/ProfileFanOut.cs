using System.Diagnostics;
using Microsoft.Extensions.Options;
using Profiles.Gateway.Parts;
using Profiles.Gateway.Resilience;
using Profiles.Gateway.Scopes;
using Profiles.Gateway.Telemetry;

namespace Profiles.Gateway.Profiles;

/// <summary>
/// Fetches every part of one profile inside one <see cref="RequestScope"/>, in the requested mode,
/// and assembles what came back. The scope guarantees that nothing it started is still running
/// when this returns; the parts never see it.
/// </summary>
public sealed class ProfileFanOut(
    IEnumerable<IProfilePart> parts,
    IOptions<FanOutOptions> options,
    TimeProvider timeProvider,
    GatewayTelemetry telemetry,
    DeadlineOverruns overruns,
    DeadlineReserve reserve)
{
    private readonly IProfilePart[] _parts = parts.ToArray();

    /// <summary>
    /// Throws <see cref="OperationCanceledException"/> when the client went away. <paramref name="onPartLanded"/>
    /// hears of each part as it lands (the SSE stream), with its section if it answered, before the rest have finished.
    /// </summary>
    public async Task<ProfileOutcome> FetchAsync(ProfileQuery query, Action<PartReport, object?>? onPartLanded, CancellationToken requestAborted)
    {
        var partsBudget = reserve.PartsBudget(query.Budget);
        await using var scope = new RequestScope(partsBudget, timeProvider, requestAborted);

        var landed = query.Mode == FanOutMode.Concurrent
            ? await Task.WhenAll(_parts.Select(part => RunAsync(part, scope, query, onPartLanded)))
            : await OneAfterAnotherAsync(scope, query, onPartLanded);

        ScopeFailedException? failure = null;
        try
        {
            await scope.CompleteAsync();
        }
        catch (ScopeFailedException exception)
        {
            failure = exception;
        }

        var elapsed = scope.Elapsed;
        overruns.Record(query.Mode, elapsed, query.Budget);
        reserve.Record(partsBudget, elapsed);
        var response = Assemble(query, landed, elapsed);
        return new ProfileOutcome(response, failure);
    }

    private async Task<(PartReport Report, object? Section)[]> OneAfterAnotherAsync(RequestScope scope, ProfileQuery query, Action<PartReport, object?>? onPartLanded)
    {
        var landed = new (PartReport, object?)[_parts.Length];
        for (var i = 0; i < _parts.Length; i++)
        {
            landed[i] = await RunAsync(_parts[i], scope, query, onPartLanded);
        }

        return landed;
    }

    private async Task<(PartReport Report, object? Section)> RunAsync(IProfilePart part, RequestScope scope, ProfileQuery query, Action<PartReport, object?>? onPartLanded)
    {
        var attempts = new AttemptLog();
        using var span = telemetry.StartPart(part.Name, part.Required);
        var result = await scope.StartChild(part.Name, OptionsFor(part), context => Fetch(part, query, attempts, context));
        var report = PartReport.From(result, attempts);
        span.End(report, result.Error, stackTrace: result.Error is { } error && !PartReport.IsForeseen(error));
        onPartLanded?.Invoke(report, result.Value);
        return (report, result.Value);
    }

    /// <summary>
    /// The blocking mode holds the request's thread until the part has answered, as a servlet did:
    /// the scope runs a child synchronously up to its first await, and this one never awaits.
    /// </summary>
    private static Task<object> Fetch(IProfilePart part, ProfileQuery query, AttemptLog attempts, ChildContext context)
    {
        var fetch = part.FetchAsync(query, attempts, context.DeadlineUtc, context.TimeUp, context.CancellationToken);
        return query.Mode == FanOutMode.Blocking ? Task.FromResult(fetch.GetAwaiter().GetResult()) : fetch;
    }

    private ChildOptions OptionsFor(IProfilePart part) =>
        new(part.Required, options.Value.PartTimeouts.TryGetValue(part.Name, out var timeout) ? timeout : null);

    private ProfileResponse Assemble(ProfileQuery query, (PartReport Report, object? Section)[] landed, TimeSpan elapsed)
    {
        var reports = landed.Select(part => part.Report).ToArray();
        var response = new ProfileResponse
        {
            MemberId = query.MemberId,
            ViewerId = query.ViewerId,
            Mode = query.Mode.ToString().ToLowerInvariant(),
            Degraded = reports.Any(report => report.Status != "ok"),
            ElapsedMs = Math.Round(elapsed.TotalMilliseconds, 2),
            BudgetMs = query.Budget.TotalMilliseconds,
            TraceId = Activity.Current?.TraceId.ToHexString(),
            CriticalPart = CriticalPart(query.Mode, reports),
            Parts = reports,
        };

        for (var i = 0; i < _parts.Length; i++)
        {
            if (landed[i].Section is { } section)
            {
                _parts[i].Place(response, section);
            }
        }

        return response;
    }

    /// <summary>
    /// Concurrently, the total is decided by the part that ended last; one after another, every
    /// part adds to it, and the one that added most is the one to look at.
    /// </summary>
    private static string? CriticalPart(FanOutMode mode, PartReport[] reports)
    {
        var ran = reports.Where(report => report.Status != "skipped").ToArray();
        if (ran.Length == 0)
        {
            return null;
        }

        return mode == FanOutMode.Concurrent
            ? ran.MaxBy(report => report.StartedMs + report.ElapsedMs)!.Name
            : ran.MaxBy(report => report.ElapsedMs)!.Name;
    }
}
