using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using Profiles.Gateway.Scopes;

namespace Profiles.Gateway.Profiles;

/// <summary>A fetched profile, or the required part that made it impossible, with what each part did either way.</summary>
public sealed record ProfileOutcome(ProfileResponse Response, ScopeFailedException? Failure)
{
    /// <summary>The HTTP status the outcome answers with: the required part's failure decides it.</summary>
    public int StatusCode => Failure switch
    {
        null => StatusCodes.Status200OK,
        { InnerException: RpcException { StatusCode: Grpc.Core.StatusCode.NotFound } } => StatusCodes.Status404NotFound,
        { InnerException: RpcException { StatusCode: Grpc.Core.StatusCode.InvalidArgument } } => StatusCodes.Status400BadRequest,
        { Status: ChildStatus.Timeout } => StatusCodes.Status504GatewayTimeout,
        _ => StatusCodes.Status502BadGateway,
    };

    /// <summary>The RFC 9457 problem of a failed outcome, with every part's report; null when the profile could be shown.</summary>
    public ProblemDetails? Problem => Failure is null ? null : new ProblemDetails
    {
        Status = StatusCode,
        Title = StatusCode switch
        {
            StatusCodes.Status404NotFound => "Member not found",
            StatusCodes.Status400BadRequest => "Invalid member request",
            StatusCodes.Status504GatewayTimeout => $"Required part '{Failure.ChildName}' timed out",
            _ => $"Required part '{Failure.ChildName}' failed",
        },
        Detail = StatusCode == StatusCodes.Status404NotFound
            ? $"There is no member {Response.MemberId}."
            : Response.Parts.First(part => part.Name == Failure.ChildName).Error,
        Extensions =
        {
            ["memberId"] = Response.MemberId,
            ["traceId"] = Response.TraceId,
            ["elapsedMs"] = Response.ElapsedMs,
            ["parts"] = Response.Parts,
        },
    };

    public IResult ToHttpResult() => Problem is { } problem ? TypedResults.Problem(problem) : TypedResults.Ok(Response);
}
