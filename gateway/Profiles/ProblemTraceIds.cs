using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Profiles.Gateway.Profiles;

/// <summary>
/// Problem details carry the same <c>traceId</c> as a profile does: the bare W3C trace id that the
/// dashboard's trace page is addressed by, rather than ASP.NET Core's default, the whole traceparent.
/// </summary>
public static class ProblemTraceIds
{
    public static void UseTraceIdOfTheProfile(ProblemDetailsContext context)
    {
        if (Activity.Current is { } activity)
        {
            context.ProblemDetails.Extensions["traceId"] = activity.TraceId.ToHexString();
        }
    }
}
