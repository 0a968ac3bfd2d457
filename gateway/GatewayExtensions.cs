using Grpc.Net.ClientFactory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Profiles.Contracts;
using Profiles.Contracts.Activity;
using Profiles.Contracts.Experience;
using Profiles.Contracts.Members;
using Profiles.Contracts.Network;
using Profiles.Contracts.Skills;
using Profiles.Gateway.Parts;
using Profiles.Gateway.Profiles;
using Profiles.Gateway.Resilience;
using Profiles.Gateway.Telemetry;

namespace Profiles.Gateway;

public static class GatewayExtensions
{
    private static readonly DisposeOnCancelInterceptor CancelByDisposing = new();

    /// <summary>The fan-out engine: the seven parts, their gRPC and Orleans clients, and the request pipeline's services.</summary>
    public static WebApplicationBuilder AddProfileFanOut(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FanOutOptions>()
            .Bind(builder.Configuration.GetSection(FanOutOptions.SectionName))
            .Validate(options => options.DefaultBudget >= FanOutOptions.MinBudget && options.DefaultBudget <= options.MaxBudget && options.OverrunTolerance >= TimeSpan.Zero
                    && options.MaxReserveShare is >= 0 and <= 0.5,
                "FanOut:DefaultBudget must lie within [10 ms, FanOut:MaxBudget], FanOut:OverrunTolerance must not be negative, and FanOut:MaxReserveShare must lie within [0, 0.5].")
            .ValidateOnStart();
        builder.Services.AddOptions<FaultHeaderOptions>().Bind(builder.Configuration.GetSection(FaultHeaderOptions.SectionName));
        builder.Services.AddOptions<PartResilienceOptions>().Bind(builder.Configuration.GetSection(PartResilienceOptions.SectionName));

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<GatewayTelemetry>();
        builder.Services.AddSingleton<ProfileRequestMetrics>();
        builder.Services.TryAddSingleton<DeadlineOverruns>();
        builder.Services.AddSingleton<DeadlineReserve>();
        builder.Services.AddSingleton<ProfileQueryParser>();
        builder.Services.AddSingleton<ProfileFanOut>();
        builder.Services.AddSingleton<FanOutWarmup>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<FanOutWarmup>());
        builder.Services.AddHealthChecks().AddCheck<FanOutWarmup>("fan-out warm-up");

        // Registration order is the order of the response's parts array.
        builder.AddBackendPart<Members.MembersClient, MembersPart, MemberSection>(PartNames.Members);
        builder.AddBackendPart<Experience.ExperienceClient, ExperiencePart, ExperienceSection>(PartNames.Experience);
        builder.AddBackendPart<Network.NetworkClient, NetworkPart, NetworkSection>(PartNames.Network);
        builder.AddBackendPart<Skills.SkillsClient, SkillsPart, SkillsSection>(PartNames.Skills);
        builder.AddBackendPart<Activity.ActivityClient, ActivityPart, ActivitySection>(PartNames.Activity);
        // Recording a view is idempotent by the request's view id (ProfileQuery.ViewId), so it retries and hedges like the reads.
        builder.Services.AddPartPipeline<ViewsSection>(PartNames.Views, idempotent: true).AddSingleton<IProfilePart, ViewsPart>();
        builder.Services.AddPartPipeline<PresenceSection>(PartNames.Presence, idempotent: true).AddSingleton<IProfilePart, PresencePart>();

        // Finds the silos' gateways in the Redis membership table that Aspire.Hosting.Orleans configures.
        builder.AddKeyedRedisClient("redis");
        builder.UseOrleansClient();
        return builder;
    }

    /// <summary>
    /// A backend's part, its pipeline, and its gRPC client, found by service discovery at its <c>grpc</c> endpoint
    /// (<c>services:{name}:grpc:0</c>, injected by the AppHost as Aspire would).
    /// </summary>
    private static void AddBackendPart<TClient, TPart, TSection>(this WebApplicationBuilder builder, string service)
        where TClient : class
        where TPart : class, IProfilePart
    {
        builder.Services.AddGrpcClient<TClient>(options => options.Address = new Uri($"http://_grpc.{service}"))
            // Each part gets its own deadline, retry budget and hedging from the fan-out engine;
            // the HttpClient defaults' retries and timeouts would fight them.
            .RemoveAllResilienceHandlers()
            // Every call is traced and measured already; the factory's logging handlers would open
            // a logging scope on each of them, seven or more per profile, to log nothing at Warning.
            .RemoveAllLoggers()
            .AddInterceptor(InterceptorScope.Client, _ => CancelByDisposing)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A single HTTP/2 connection caps concurrent calls at the server's stream limit (100 by default).
                EnableMultipleHttp2Connections = true,
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            });
        builder.Services.AddPartPipeline<TSection>(service, idempotent: true).AddSingleton<IProfilePart, TPart>();
    }
}
