using Profiles.Gateway.Profiles;
using Profiles.Gateway.Resilience;

namespace Profiles.Gateway.Parts;

/// <summary>
/// A part that fetches one section with one asynchronous call per attempt. There is no synchronous
/// twin for the blocking mode: grpc-dotnet's blocking calls wait on the asynchronous call themselves
/// (<c>HttpClientCallInvoker.BlockingUnaryCall</c>), and grain calls have no other kind, so the
/// blocking mode holds its thread on this same fetch (<see cref="ProfileFanOut"/>), which is all a
/// synchronous client would do. A blocked thread cannot race itself, so it is never hedged.
/// </summary>
public abstract class ProfilePart<TSection>(PartPipeline<TSection> pipeline) : IProfilePart where TSection : class
{
    public abstract string Name { get; }

    public virtual bool Required => false;

    /// <remarks>
    /// An attempt the deadline stopped counts against an optional part's backend, so that one that
    /// takes calls and never answers (a dead one behind DCP's proxy) opens its breaker. Not against
    /// the required part's: when the gateway itself is too busy to finish in time, a breaker opened
    /// on the required part would fail every profile for its break, where a wrongly opened optional
    /// one only leaves out a part the deadline would have left out anyway.
    /// </remarks>
    public async Task<object> FetchAsync(ProfileQuery query, AttemptLog attempts, DateTime deadlineUtc, CancellationToken timeUp, CancellationToken cancellationToken) =>
        await pipeline.ExecuteAsync(
            attemptToken => CallAsync(query, deadlineUtc, attemptToken),
            hedging: query.Hedging && query.Mode != FanOutMode.Blocking,
            attempts,
            heldAgainstBackendWhen: Required ? CancellationToken.None : timeUp,
            cancellationToken);

    public void Place(ProfileResponse response, object section) => Place(response, (TSection)section);

    /// <summary>One attempt: a call that carries the deadline and observes the attempt's own token, which also fires when a hedged sibling has won.</summary>
    protected abstract Task<TSection> CallAsync(ProfileQuery query, DateTime deadlineUtc, CancellationToken attemptToken);

    protected abstract void Place(ProfileResponse response, TSection section);
}
