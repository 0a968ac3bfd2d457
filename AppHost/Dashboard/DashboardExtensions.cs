using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Profiles.AppHost.Dashboard.Api;
using Profiles.AppHost.Dashboard.Authentication;
using Profiles.AppHost.Dashboard.Otlp;
using Profiles.AppHost.Dashboard.Pages;
using Profiles.AppHost.Dashboard.Telemetry;

namespace Profiles.AppHost.Dashboard;

/// <summary>
/// The dashboard as two calls for the AppHost's hosting: its services, then its endpoints. It
/// listens on three loopback ports (<see cref="DashboardAccess"/>): the UI and JSON API, OTLP/gRPC
/// and OTLP/HTTP; each endpoint answers only on its own port.
/// </summary>
public static class DashboardExtensions
{
    private const string SectionName = "Dashboard";

    public static DashboardSettings GetDashboardSettings(this IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<DashboardSettings>() ?? new DashboardSettings();

    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration, DashboardAccess access)
    {
        var settings = configuration.GetDashboardSettings();
        services.AddSingleton(access);
        services.AddSingleton(settings);
        services.AddSingleton(configuration.GetSection(SectionName).Get<TelemetryLimits>() ?? new TelemetryLimits());
        services.AddSingleton<TelemetryStore>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<OtlpIntake>();
        services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = settings.MaxExportBytes);
        services.AddSingleton<OtlpGrpcReceiver>();
        services.AddSingleton<IServiceMethodProvider<OtlpGrpcReceiver>>(provider => provider.GetRequiredService<OtlpGrpcReceiver>());

        services.AddDashboardAuthentication(access);
        services.AddDashboardPages();
        return services;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        var access = app.Services.GetRequiredService<DashboardAccess>();
        var settings = app.Services.GetRequiredService<DashboardSettings>();

        app.UseAuthentication();
        app.Use(async (context, next) =>
        {
            if (!await DashboardAuthentication.TryLogInAsync(context, access))
            {
                await next(context);
            }
        });
        app.UseAuthorization();

        app.MapGrpcService<OtlpGrpcReceiver>()
            .RequireAuthorization(DashboardAuthentication.OtlpPolicy)
            .RequireHost(OnPort(access.OtlpGrpcUrl));
        app.MapOtlpHttp(settings.MaxExportBytes)
            .RequireAuthorization(DashboardAuthentication.OtlpPolicy)
            .RequireHost(OnPort(access.OtlpHttpUrl));
        app.MapTelemetryApi().RequireHost(OnPort(access.Url));
        app.MapDashboardPages();
        return app;
    }

    private static string OnPort(Uri url) => $"*:{url.Port}";
}
