using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Profiles.Contracts.Grains;
using Profiles.Simulation.Data;

namespace Profiles.Silo.Grains;

/// <summary>Who looked at a member's profile, keyed by the viewed member's id and kept in the "Default" grain storage.</summary>
/// <remarks>
/// Reentrant, so that a hedged or retried recording never queues behind the slow attempt it races:
/// faults are injected by an incoming call filter, which would otherwise hold the activation's turn
/// while it waits. Turns still never run in parallel, so the state in memory needs no lock. Writes
/// go through Orleans' <see cref="BatchWorker"/>, one at a time, each carrying every view recorded
/// before it started (providers serialize the state as the write begins): views that arrive together
/// share a write, and a repeated view id waits for the write that carries the first instead of
/// adding one. One write at a time: the grain does not depend on how a storage provider treats
/// overlapping writes of one ETag.
/// </remarks>
[Reentrant]
public sealed class ProfileViewsGrain : Grain, IProfileViewsGrain
{
    private readonly IPersistentState<ProfileViewsState> _views;
    private readonly TimeProvider _timeProvider;
    private readonly MemberRangeOptions _members;
    private readonly BatchWorkerFromDelegate _writer;

    public ProfileViewsGrain(
        [PersistentState("views", "Default")] IPersistentState<ProfileViewsState> views,
        TimeProvider timeProvider,
        IOptions<MemberRangeOptions> members)
    {
        _views = views;
        _timeProvider = timeProvider;
        _members = members.Value;
        _writer = new BatchWorkerFromDelegate(WriteAsync);
    }

    public async Task<ProfileViews> RecordViewAsync(long viewerId, Guid viewId, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(viewerId);
        MemberGrains.RequireMember(_members, this.GetPrimaryKeyLong());
        // A caller already gone would be counted a view nobody saw.
        cancellationToken.ThrowIfCancellationRequested();

        // A repeated id counts nothing, but still waits for the write that stores the first recording
        // if it is yet to finish: every answer is about views in storage.
        var stored = _views.State.TryRecord(viewId, viewerId, _timeProvider.GetUtcNow())
            ? _writer.NotifyAndWaitForWorkToBeServiced()
            : _writer.WaitForCurrentWorkToBeServiced();

        // A caller who gives up stops waiting, but does not cancel a write that carries other callers'
        // views too: its view is stored all the same, and a repeat of its id is not counted again.
        await stored.WaitAsync(cancellationToken);
        return _views.State.ToProfileViews();
    }

    /// <summary>
    /// A caller that gave up left its view in memory with the write that carries it still on its
    /// way, and a deactivation (a silo stopping, an idle grain collected) waits for no such write:
    /// the activation would leave the directory, and a new one read the state, before the write
    /// landed. So it waits here, for as long as Orleans lets a deactivation take.
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        // A failed write has already failed every caller waiting on it; there is nothing left to report.
        await _writer.WaitForCurrentWorkToBeServiced().WaitAsync(cancellationToken)
            .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);

    private async Task WriteAsync()
    {
        try
        {
            await _views.WriteStateAsync();
        }
        catch
        {
            // The views are in memory but maybe not in storage: a fresh activation reads back what was
            // stored rather than serving views that never were. Every caller waiting on this write fails.
            DeactivateOnIdle();
            throw;
        }
    }
}
