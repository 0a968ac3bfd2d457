using Grpc.Core;
using Profiles.Contracts;
using Profiles.Contracts.Faults;
using Profiles.Contracts.Grains;
using Profiles.Simulation;
using Profiles.Simulation.Faults;
using Profiles.Simulation.Work;

namespace Profiles.Silo;

/// <summary>
/// Makes the grains behave like the gRPC backends: each call is counted in <see cref="BackendWork"/>
/// under its part, and suffers its part's faults (the profile's, or the caller's <c>x-fault</c>
/// from <see cref="RequestContext"/>) before the grain method runs, until the caller cancels or its
/// deadline (<see cref="GrainCallDeadline"/>) passes.
/// </summary>
internal sealed class SimulatedBackendFilter(FaultInjector faults, BackendWork work, TimeProvider time) : IIncomingGrainCallFilter
{
    /// <summary>The key, in the <see cref="Exception.Data"/> of an injected error, of its gRPC status name.</summary>
    public const string StatusKey = "grpc-status";

    /// <summary>
    /// How much sooner than its time a .NET timer may fire: they count a coarse clock (measured here
    /// on 2026-12-04: 2,718 of 20,000 timers early, by up to 3.6 ms). Until then this was one
    /// millisecond, and a hung grain call could report a timeout before the caller's own deadline did.
    /// </summary>
    private static readonly TimeSpan TimerEarliness = TimeSpan.FromMilliseconds(5);

    private static readonly Dictionary<Type, string> PartsByGrainInterface = new()
    {
        [typeof(IProfileViewsGrain)] = PartNames.Views,
        [typeof(IPresenceGrain)] = PartNames.Presence,
    };

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        // Orleans' own calls (storage, membership, directory) pass through this filter too.
        if (!PartsByGrainInterface.TryGetValue(context.Request.GetInterfaceType(), out var part))
        {
            await context.Invoke();
            return;
        }

        // Cancelled when the caller's token is, as Orleans forwards the cancellation to this silo, or at the deadline.
        var callerToken = context.Request.GetCancellationToken();
        using var deadline = DeadlineSource();
        using var callOrDeadline = CancellationTokenSource.CreateLinkedTokenSource(callerToken, deadline?.Token ?? CancellationToken.None);
        var cancellationToken = callOrDeadline.Token;
        var faultHeader = RequestContext.Get(FaultPlan.HeaderName) as string;
        try
        {
            await work.TrackAsync(part, async () =>
            {
                await faults.ApplyAsync(part, faultHeader, cancellationToken);
                await context.Invoke();
            }, cancellationToken);
        }
        catch (RpcException injected)
        {
            throw ToGrainException(injected);
        }
        catch (OperationCanceledException) when (deadline?.IsCancellationRequested == true && !callerToken.IsCancellationRequested)
        {
            // Told as gRPC tells DeadlineExceeded: the caller's deadline passed, nobody cancelled.
            throw new TimeoutException("The caller's deadline passed before the call was done.");
        }
    }

    /// <summary>Cancelled when the caller's deadline passes, if it sent one.</summary>
    private CancellationTokenSource? DeadlineSource()
    {
        if (GrainCallDeadline.Get() is not { } deadlineUtc)
        {
            return null;
        }

        // Never before the caller's own deadline, which decides how the caller reports the call.
        var remaining = deadlineUtc - time.GetUtcNow();
        return new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining + TimerEarliness : TimeSpan.Zero, time);
    }

    /// <summary>
    /// Orleans has no codec for <see cref="RpcException"/>: thrown as it is, the caller would get a
    /// CodecNotFoundException that has lost the status. An exception every caller knows crosses cleanly.
    /// </summary>
    private static InvalidOperationException ToGrainException(RpcException injected) => new(injected.Status.Detail)
    {
        Data = { [StatusKey] = injected.StatusCode.ToString() },
    };
}
