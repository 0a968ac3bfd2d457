using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Profiles.Simulation.Faults;

namespace Profiles.Simulation.Admin;

/// <summary>
/// Lets through only a caller that presents the AppHost's key in <see cref="FaultAdminEndpoints.KeyHeader"/>:
/// none is a 401, a wrong one (or any, when this process was given no key) a 403.
/// </summary>
internal sealed class AdminKeyFilter(IOptions<FaultOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var presented = context.HttpContext.Request.Headers[FaultAdminEndpoints.KeyHeader].ToString();
        if (presented.Length == 0)
        {
            return TypedResults.Problem(
                $"Send the AppHost's key in the {FaultAdminEndpoints.KeyHeader} header.",
                statusCode: StatusCodes.Status401Unauthorized,
                title: "An admin key is required");
        }

        if (!Matches(presented, options.Value.AdminKey))
        {
            return TypedResults.Problem(
                $"The {FaultAdminEndpoints.KeyHeader} header does not hold this run's admin key.",
                statusCode: StatusCodes.Status403Forbidden,
                title: "Wrong admin key");
        }

        return await next(context);
    }

    // Constant time, so that the time a refusal takes says nothing about how much of the key was right.
    private static bool Matches(string presented, string? key) =>
        !string.IsNullOrEmpty(key)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(key));
}
