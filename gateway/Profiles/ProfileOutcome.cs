using Grpc.Core;
using Profiles.Gateway.Scopes;

namespace Profiles.Gateway.Profiles;

/// <summary>A fetched profile, or the required part that made it impossible, with what each part did either way.</summary>
public sealed record ProfileOutcome(ProfileResponse Response, ScopeFailedException? Failure)
{
    public IResult ToHttpResult()
    {
        if (Failure is null)
        {
            return TypedResults.Ok(Response);
        }

        var (status, title) = Failure switch
        {
            { InnerException: RpcException { StatusCode: StatusCode.NotFound } } => (StatusCodes.Status404NotFound, "Member not found"),
            { InnerException: RpcException { StatusCode: StatusCode.InvalidArgument } } => (StatusCodes.Status400BadRequest, "Invalid member request"),
            { Status: ChildStatus.Timeout } => (StatusCodes.Status504GatewayTimeout, $"Required part '{Failure.ChildName}' timed out"),
            _ => (StatusCodes.Status502BadGateway, $"Required part '{Failure.ChildName}' failed"),
        };

        var detail = status == StatusCodes.Status404NotFound
            ? $"There is no member {Response.MemberId}."
            : Response.Parts.First(part => part.Name == Failure.ChildName).Error;

        return TypedResults.Problem(
            detail: detail,
            statusCode: status,
            title: title,
            extensions: new Dictionary<string, object?>
            {
                ["memberId"] = Response.MemberId,
                ["traceId"] = Response.TraceId,
                ["elapsedMs"] = Response.ElapsedMs,
                ["parts"] = Response.Parts,
            });
    }
}
