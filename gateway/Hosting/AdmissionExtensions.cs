using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Profiles.Gateway.Hosting;

/// <summary>
/// Admission control for the profile API, with ASP.NET Core's concurrency limiter. Without it, a
/// burst larger than the machine can serve within a budget starts every fan-out at once: each
/// request's deadline runs while it waits for CPU behind all the others, so they all miss it
/// together (measured: 10,000 requests arriving within 1.5 s on two cores, one answered). With
/// it, the requests beyond the limit wait in a queue, costing a few hundred bytes and no budget,
/// and each one that starts has the machine to finish in time. A load that stays beyond the
/// machine is shed at the door once the queue has stood for <see cref="AdmissionOptions.MaxQueueWait"/>,
/// so the queue, its memory and the wait for a turn stay bounded however long the overload lasts.
/// </summary>
public static class AdmissionExtensions
{
    public const string ProfilesPolicy = "profiles";

    public static WebApplicationBuilder AddAdmissionControl(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdmissionOptions>()
            .Bind(builder.Configuration.GetSection(AdmissionOptions.SectionName))
            .Validate(options => options.MaxConcurrentFanOuts > 0 && options.MaxQueuedRequests >= 0 && options.MaxQueueWait > TimeSpan.Zero,
                "Admission:MaxConcurrentFanOuts and Admission:MaxQueueWait must be positive and Admission:MaxQueuedRequests not negative.")
            .ValidateOnStart();

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            limiter.OnRejected = (context, cancellationToken) =>
            {
                var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<AdmissionOptions>>().Value;
                // By then the queue that refused this request has had time to drain.
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(options.MaxQueueWait.TotalSeconds))
                    .ToString(System.Globalization.CultureInfo.InvariantCulture);
                return new ValueTask(TypedResults.Problem(
                        title: "Too many profile requests",
                        detail: "The gateway's queue of profile requests is full; try again shortly.",
                        statusCode: StatusCodes.Status503ServiceUnavailable)
                    .ExecuteAsync(context.HttpContext));
            };
            limiter.AddPolicy(ProfilesPolicy, httpContext =>
            {
                var options = httpContext.RequestServices.GetRequiredService<IOptions<AdmissionOptions>>().Value;
                // One partition for every caller: the limit protects the gateway, not fairness between clients.
                return RateLimitPartition.Get(ProfilesPolicy, _ => new QueueWaitLimiter(
                    new ConcurrencyLimiter(new ConcurrencyLimiterOptions
                    {
                        PermitLimit = options.MaxConcurrentFanOuts,
                        QueueLimit = options.MaxQueuedRequests,
                        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    }),
                    options.MaxQueueWait,
                    TimeProvider.System));
            });
        });
        return builder;
    }
}
