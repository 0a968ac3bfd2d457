using Profiles.Gateway.Hosting;
using Profiles.Gateway.Telemetry;

namespace Profiles.Gateway.Profiles;

public static class ProfileEndpoints
{
    /// <summary>Status for a request whose client went away before the answer (nginx's convention; nobody reads it).</summary>
    private const int ClientClosedRequest = 499;

    public static IEndpointRouteBuilder MapProfileApi(this IEndpointRouteBuilder endpoints)
    {
        // memberId is taken as text and validated by hand: a route constraint would turn "abc" into a 404.
        endpoints.MapGet("/api/profiles/{memberId}", GetProfileAsync)
            .WithName("GetProfile")
            .Produces<ProfileResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout)
            .RequireRateLimiting(AdmissionExtensions.ProfilesPolicy);

        endpoints.MapGet("/api/profiles/{memberId}/stream", StreamProfile)
            .WithName("StreamProfile")
            .ProducesValidationProblem()
            .RequireRateLimiting(AdmissionExtensions.ProfilesPolicy);

        return endpoints;
    }

    private static IResult StreamProfile(string memberId, HttpContext httpContext, ProfileQueryParser parser, ProfileFanOut fanOut) =>
        parser.TryRead(memberId, httpContext.Request, out var query, out var errors)
            ? TypedResults.ServerSentEvents(ProfileEvents.ReadAsync(fanOut, query, httpContext.RequestAborted))
            : TypedResults.ValidationProblem(errors, title: "Invalid profile request");

    private static async Task<IResult> GetProfileAsync(
        string memberId,
        HttpContext httpContext,
        ProfileQueryParser parser,
        ProfileFanOut fanOut,
        ProfileRequestMetrics metrics,
        TimeProvider timeProvider)
    {
        if (!parser.TryRead(memberId, httpContext.Request, out var query, out var errors))
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid profile request");
        }

        var startedAt = timeProvider.GetTimestamp();
        IResult result;
        try
        {
            var outcome = await fanOut.FetchAsync(query, onPartLanded: null, httpContext.RequestAborted);
            result = outcome.ToHttpResult();
        }
        catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
        {
            result = TypedResults.StatusCode(ClientClosedRequest);
        }

        var statusCode = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        metrics.Record(query.Mode, statusCode, timeProvider.GetElapsedTime(startedAt));
        return result;
    }
}
