using Grpc.Core;
using Profiles.Contracts;
using Profiles.Contracts.Faults;
using Profiles.Gateway.Profiles;
using Profiles.Gateway.Resilience;

namespace Profiles.Gateway.Parts;

/// <summary>
/// A part served by a gRPC backend. The call carries the deadline (the callee sees it as
/// <c>grpc-timeout</c>), the attempt's token, the request's fault header, and its <c>hedge=off</c>
/// (<see cref="HedgingMetadata"/>) for a backend's own hedged calls. gRPC reports a call
/// cancelled or past its deadline as an <see cref="RpcException"/>, and a call disposed by its
/// cancelled attempt (<see cref="DisposeOnCancelInterceptor"/>) then read as an
/// <see cref="ObjectDisposedException"/>; the request scope speaks .NET's own words, so they are
/// translated here, at the transport's edge, keeping the original inside.
/// </summary>
public abstract class GrpcPart<TSection>(PartPipeline<TSection> pipeline) : ProfilePart<TSection>(pipeline) where TSection : class
{
    protected sealed override async Task<TSection> CallAsync(ProfileQuery query, DateTime deadlineUtc, CancellationToken attemptToken)
    {
        var headers = Headers(query);
        try
        {
            return await CallAsync(query, new CallOptions(headers, deadlineUtc, attemptToken));
        }
        catch (RpcException error) when (error.StatusCode == StatusCode.Cancelled)
        {
            throw new OperationCanceledException(error.Status.Detail, error, attemptToken);
        }
        catch (RpcException error) when (error.StatusCode == StatusCode.DeadlineExceeded)
        {
            throw new TimeoutException(error.Status.Detail, error);
        }
        catch (ObjectDisposedException error) when (attemptToken.IsCancellationRequested)
        {
            // The attempt's token disposes the call (DisposeOnCancelInterceptor): a stream read
            // begun after that finds it disposed instead of cancelled.
            throw new OperationCanceledException("The call was cancelled before it was read.", error, attemptToken);
        }
    }

    protected abstract Task<TSection> CallAsync(ProfileQuery query, CallOptions options);

    private static Metadata? Headers(ProfileQuery query)
    {
        if (query.FaultHeader is null && query.Hedging)
        {
            return null;
        }

        var headers = new Metadata();
        if (query.FaultHeader is { } fault)
        {
            headers.Add(FaultPlan.HeaderName, fault);
        }

        if (!query.Hedging)
        {
            headers.Add(HedgingMetadata.HeaderName, HedgingMetadata.Off);
        }

        return headers;
    }
}
