using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Profiles.Gateway.Profiles;
using Profiles.Gateway.Telemetry;

namespace Profiles.Gateway.Hosting;

/// <summary>
/// Admission control for the profile API, through ASP.NET Core's rate limiting. Without it, a
/// burst larger than the machine can serve within a budget starts every fan-out at once: each
/// request's deadline runs while it waits for CPU behind all the others, so they all miss it
/// together (measured: 10,000 requests arriving within 1.5 s on two cores, one answered). With
/// it, the requests beyond the limit wait in a queue, costing a few hundred bytes and no budget,
/// and each one that starts has the machine to finish in time. The limit follows the machine
/// (<see cref="AdmissionLimitController"/>). A load that stays beyond the machine is shed at the
/// door once the queue has stood for <see cref="AdmissionOptions.MaxQueueWait"/>, so the queue,
/// its memory and the wait for a turn stay bounded however long the overload lasts.
/// </summary>
public static class AdmissionExtensions
{
    public const string ProfilesPolicy = "profiles";

    public static WebApplicationBuilder AddAdmissionControl(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdmissionOptions>()
            .Bind(builder.Configuration.GetSection(AdmissionOptions.SectionName))
            .Validate(options => options.MinConcurrentFanOuts > 0 && options.MaxConcurrentFanOuts > 0 && options.MaxQueuedRequests >= 0
                    && options.MaxQueueWait > TimeSpan.Zero && options.TargetSchedulingDelay > TimeSpan.Zero && options.AdaptEvery > TimeSpan.Zero
                    && options.MaxOverrunShare is >= 0 and < 1,
                "Admission:MinConcurrentFanOuts, MaxConcurrentFanOuts, MaxQueueWait, TargetSchedulingDelay and AdaptEvery must be positive, Admission:MaxQueuedRequests not negative, and Admission:MaxOverrunShare in [0, 1).")
            .ValidateOnStart();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<FanOutOptions>();
        builder.Services.TryAddSingleton<DeadlineOverruns>();
        builder.Services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<AdmissionOptions>>().Value;
            return new AdmissionLimiter(
                Math.Clamp(options.InitialConcurrentFanOuts, options.Floor, options.MaxConcurrentFanOuts),
                options.MaxQueuedRequests,
                options.MaxQueueWait,
                provider.GetRequiredService<TimeProvider>());
        });
        builder.Services.AddHostedService<AdmissionLimitController>();

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
            // One partition for every caller: the limit protects the gateway, not fairness between clients.
            limiter.AddPolicy(ProfilesPolicy, httpContext => RateLimitPartition.Get(
                ProfilesPolicy, _ => httpContext.RequestServices.GetRequiredService<AdmissionLimiter>()));
        });
        return builder;
    }
}
