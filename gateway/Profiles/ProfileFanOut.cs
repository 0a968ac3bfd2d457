using System.Diagnostics;
using Microsoft.Extensions.Options;
using Profiles.Gateway.Parts;
using Profiles.Gateway.Scopes;
using Profiles.Gateway.Telemetry;

namespace Profiles.Gateway.Profiles;

/// <summary>
/// Fetches every part of one profile inside one <see cref="RequestScope"/>, in the requested mode,
/// and assembles what came back. The scope guarantees that nothing it started is still running
/// when this returns.
/// </summary>
public sealed class ProfileFanOut(
    IEnumerable<IProfilePart> parts,
    IOptions<FanOutOptions> options,
    TimeProvider timeProvider,
    GatewayTelemetry telemetry)
{
    private readonly IProfilePart[] _parts = parts.ToArray();

    /// <summary>
    /// Throws <see cref="OperationCanceledException"/> when the client went away. <paramref name="onPartFinished"/>
    /// hears of each part as it lands (the SSE stream), before the rest have finished.
    /// </summary>
    public async Task<ProfileOutcome> FetchAsync(ProfileQuery query, Action<PartOutcome>? onPartFinished, CancellationToken requestAborted)
    {
        await using var scope = new RequestScope(query.Budget, timeProvider, telemetry, requestAborted);

        var outcomes = query.Mode == FanOutMode.Concurrent
            ? await Task.WhenAll(_parts.Select(part => RunAsync(part, scope, query, onPartFinished)))
            : await OneAfterAnotherAsync(scope, query, onPartFinished);

        ScopeFailedException? failure = null;
        try
        {
            await scope.CompleteAsync();
        }
        catch (ScopeFailedException exception)
        {
            failure = exception;
        }

        var response = Assemble(query, outcomes, scope.Elapsed);
        return new ProfileOutcome(response, failure);
    }

    private async Task<PartOutcome[]> OneAfterAnotherAsync(RequestScope scope, ProfileQuery query, Action<PartOutcome>? onPartFinished)
    {
        var outcomes = new PartOutcome[_parts.Length];
        for (var i = 0; i < _parts.Length; i++)
        {
            outcomes[i] = await RunAsync(_parts[i], scope, query, onPartFinished);
        }

        return outcomes;
    }

    private async Task<PartOutcome> RunAsync(IProfilePart part, RequestScope scope, ProfileQuery query, Action<PartOutcome>? onPartFinished)
    {
        var outcome = await part.RunAsync(scope, query, OptionsFor(part));
        onPartFinished?.Invoke(outcome);
        return outcome;
    }

    private ChildOptions OptionsFor(IProfilePart part) =>
        new(part.Required, options.Value.PartTimeouts.TryGetValue(part.Name, out var timeout) ? timeout : null);

    private static ProfileResponse Assemble(ProfileQuery query, PartOutcome[] outcomes, TimeSpan elapsed)
    {
        var response = new ProfileResponse
        {
            MemberId = query.MemberId,
            ViewerId = query.ViewerId,
            Mode = query.Mode.ToString().ToLowerInvariant(),
            Degraded = outcomes.Any(outcome => outcome.Status != ChildStatus.Ok),
            ElapsedMs = Math.Round(elapsed.TotalMilliseconds, 2),
            BudgetMs = query.Budget.TotalMilliseconds,
            TraceId = Activity.Current?.TraceId.ToHexString(),
            CriticalPart = CriticalPart(query.Mode, outcomes),
            Parts = outcomes.Select(outcome => outcome.Report).ToArray(),
        };

        foreach (var outcome in outcomes)
        {
            outcome.Place(response);
        }

        return response;
    }

    /// <summary>
    /// Concurrently, the total is decided by the part that ended last; one after another, every
    /// part adds to it, and the one that added most is the one to look at.
    /// </summary>
    private static string? CriticalPart(FanOutMode mode, PartOutcome[] outcomes)
    {
        var ran = outcomes.Where(outcome => outcome.Status != ChildStatus.Skipped).ToArray();
        if (ran.Length == 0)
        {
            return null;
        }

        return mode == FanOutMode.Concurrent
            ? ran.MaxBy(outcome => outcome.EndedAt)!.Report.Name
            : ran.MaxBy(outcome => outcome.Elapsed)!.Report.Name;
    }
}
