using Grpc.Core;
using Grpc.Core.Interceptors;
using Profiles.Contracts.Faults;
using Profiles.Simulation.Faults;
using Profiles.Simulation.Work;

namespace Profiles.Simulation.Grpc;

/// <summary>
/// Makes each call to a backend's service behave like a call to a real, imperfect one: the call is
/// counted in <see cref="BackendWork"/> from start to end, and suffers its part's faults (the
/// configured profile's, or its <c>x-fault</c> metadata's) before the handler runs. Every wait
/// observes the call's cancellation, which fires when the caller cancels or the deadline passes.
/// </summary>
internal sealed class SimulatedBackendInterceptor(string part, FaultInjector faults, BackendWork work) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request,
        ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation) =>
        work.TrackAsync(part, async () =>
        {
            await faults.ApplyAsync(part, FaultHeader(context), context.CancellationToken);
            return await continuation(request, context);
        }, context.CancellationToken);

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        work.TrackAsync(part, async () =>
        {
            await faults.ApplyAsync(part, FaultHeader(context), context.CancellationToken);
            await continuation(request, responseStream, context);
        }, context.CancellationToken);

    private static string? FaultHeader(ServerCallContext context) => context.RequestHeaders.GetValue(FaultPlan.HeaderName);
}
