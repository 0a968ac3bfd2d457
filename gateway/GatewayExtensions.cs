using Microsoft.Extensions.DependencyInjection.Extensions;
using Profiles.Contracts.Activity;
using Profiles.Contracts.Experience;
using Profiles.Contracts.Members;
using Profiles.Contracts.Network;
using Profiles.Contracts.Skills;
using Profiles.Gateway.Parts;
using Profiles.Gateway.Profiles;
using Profiles.Gateway.Telemetry;
using Profiles.Simulation.Faults;

namespace Profiles.Gateway;

public static class GatewayExtensions
{
    /// <summary>The fan-out engine: the seven parts, their gRPC and Orleans clients, and the request pipeline's services.</summary>
    public static WebApplicationBuilder AddProfileFanOut(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FanOutOptions>()
            .Bind(builder.Configuration.GetSection(FanOutOptions.SectionName))
            .Validate(options => options.DefaultBudget >= FanOutOptions.MinBudget && options.DefaultBudget <= FanOutOptions.MaxBudget,
                "FanOut:DefaultBudget must lie within [10 ms, 10 s].")
            .ValidateOnStart();
        builder.Services.AddOptions<FaultOptions>().Bind(builder.Configuration.GetSection(FaultOptions.SectionName));

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<GatewayTelemetry>();
        builder.Services.AddSingleton<ProfileRequestMetrics>();
        builder.Services.AddSingleton<ProfileQueryParser>();
        builder.Services.AddSingleton<ProfileFanOut>();

        // Registration order is the order of the response's parts array.
        builder.AddBackendClient<Members.MembersClient, MembersPart>("members");
        builder.AddBackendClient<Experience.ExperienceClient, ExperiencePart>("experience");
        builder.AddBackendClient<Network.NetworkClient, NetworkPart>("network");
        builder.AddBackendClient<Skills.SkillsClient, SkillsPart>("skills");
        builder.AddBackendClient<Activity.ActivityClient, ActivityPart>("activity");
        builder.Services.AddSingleton<IProfilePart, ViewsPart>();
        builder.Services.AddSingleton<IProfilePart, PresencePart>();

        builder.UseOrleansClient();
        return builder;
    }

    /// <summary>
    /// A gRPC client for one backend, found by service discovery at its <c>grpc</c> endpoint
    /// (<c>services:{name}:grpc:0</c>, injected by the AppHost as Aspire would).
    /// </summary>
    private static void AddBackendClient<TClient, TPart>(this WebApplicationBuilder builder, string service)
        where TClient : class
        where TPart : class, IProfilePart
    {
        builder.Services.AddGrpcClient<TClient>(options => options.Address = new Uri($"http://_grpc.{service}"))
            // Each part gets its own deadline, retry budget and hedging from the fan-out engine;
            // the HttpClient defaults' retries and timeouts would fight them.
            .RemoveAllResilienceHandlers()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A single HTTP/2 connection caps concurrent calls at the server's stream limit (100 by default).
                EnableMultipleHttp2Connections = true,
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            });
        builder.Services.AddSingleton<IProfilePart, TPart>();
    }
}
