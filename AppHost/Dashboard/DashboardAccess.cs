using System.Security.Cryptography;

namespace Profiles.AppHost.Dashboard;

/// <summary>Where this run's dashboard listens, and the secrets that let a browser, a script or a child in.</summary>
/// <param name="Url">The UI and JSON API, e.g. <c>http://localhost:18888/</c>.</param>
/// <param name="OtlpGrpcUrl">The OTLP/gRPC receiver, given to every child as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</param>
/// <param name="OtlpHttpUrl">The OTLP/HTTP receiver (<c>/v1/traces</c>, <c>/v1/logs</c>, <c>/v1/metrics</c> under it).</param>
/// <param name="BrowserToken">What <c>/login?t=</c> takes to set the login cookie.</param>
/// <param name="ApiKey">What the JSON API takes in the <c>x-api-key</c> header.</param>
/// <param name="OtlpApiKey">What the OTLP receivers take in the <c>x-otlp-api-key</c> header.</param>
/// <param name="Unsecured">Whether the UI and API let anyone in (<see cref="DashboardSettings.Unsecured"/>).</param>
public sealed record DashboardAccess(Uri Url, Uri OtlpGrpcUrl, Uri OtlpHttpUrl, string BrowserToken, string ApiKey, string OtlpApiKey, bool Unsecured)
{
    public const string ApiKeyHeader = "x-api-key";

    /// <summary>Aspire's header name, so the services would export to Aspire's dashboard unchanged.</summary>
    public const string OtlpApiKeyHeader = "x-otlp-api-key";

    /// <summary>The link the AppHost prints: opening it logs the browser in.</summary>
    public Uri LoginUrl => new(Url, $"login?t={Uri.EscapeDataString(BrowserToken)}");

    internal static DashboardAccess Create(DashboardSettings settings, int port, int otlpGrpcPort, int otlpHttpPort) => new(
        // localhost, as Aspire prints it; Kestrel listens on 127.0.0.1, where localhost also leads.
        new Uri($"http://localhost:{port}/"),
        new Uri($"http://localhost:{otlpGrpcPort}/"),
        new Uri($"http://localhost:{otlpHttpPort}/"),
        OrRandom(settings.BrowserToken),
        OrRandom(settings.ApiKey),
        OrRandom(settings.OtlpApiKey),
        settings.Unsecured);

    private static string OrRandom(string? configured) =>
        string.IsNullOrWhiteSpace(configured) ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) : configured;
}
