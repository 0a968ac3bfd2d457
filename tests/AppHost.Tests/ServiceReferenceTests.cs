using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Profiles.AppHost.Hosting;

namespace Profiles.AppHost.Tests;

public sealed class ServiceReferenceTests
{
    [Fact]
    public async Task A_reference_gives_every_endpoint_of_every_replica_in_service_discovery_form()
    {
        var builder = StandIns.CreateBuilder();
        var backend = builder.AddProject("backend", StandIns.ProjectPath).WithGrpcEndpoint().WithReplicas(2);
        builder.AddProject("frontend", StandIns.ProjectPath).WithReference(backend);
        await using var app = builder.Build();
        await app.StartAsync(StandIns.Within(60));
        await app.WaitForHealthyAsync(StandIns.Within(60));

        using var client = app.CreateHttpClient("frontend");
        var configuration = await client.GetFromJsonAsync<Dictionary<string, string>>("/config", StandIns.Within(10));

        Assert.NotNull(configuration);
        for (var replica = 0; replica < 2; replica++)
        {
            Assert.Equal(app.GetEndpoint("backend", "http", replica).ToString().TrimEnd('/'), configuration[$"services:backend:http:{replica}"]);
            Assert.Equal(app.GetEndpoint("backend", "grpc", replica).ToString().TrimEnd('/'), configuration[$"services:backend:grpc:{replica}"]);
        }

        Assert.DoesNotContain("services:backend:http:2", configuration.Keys);
        Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), configuration["APPHOST_PARENT_PID"]);
        Assert.Equal("Development", configuration["DOTNET_ENVIRONMENT"]);
        Assert.Equal("none", configuration["Faults:Profile"]);
        Assert.Equal("true", configuration["Faults:AllowRequestOverrides"]);
        Assert.Equal("frontend", configuration["OTEL_SERVICE_NAME"]);
        Assert.Equal("service.instance.id=frontend-0", configuration["OTEL_RESOURCE_ATTRIBUTES"]);
        // Telemetry goes to the AppHost's own dashboard, behind its OTLP key.
        Assert.Equal(app.Dashboard.OtlpGrpcUrl.ToString().TrimEnd('/'), configuration["OTEL_EXPORTER_OTLP_ENDPOINT"].TrimEnd('/'));
        Assert.Equal($"x-otlp-api-key={app.Dashboard.OtlpApiKey}", configuration["OTEL_EXPORTER_OTLP_HEADERS"]);
    }

    [Fact]
    public async Task The_grpc_endpoint_speaks_HTTP2_only()
    {
        var builder = StandIns.CreateBuilder();
        builder.AddProject("backend", StandIns.ProjectPath).WithGrpcEndpoint();
        await using var app = builder.Build();
        await app.StartAsync(StandIns.Within(60));
        await app.WaitForHealthyAsync(StandIns.Within(60));
        var health = new Uri(app.GetEndpoint("backend", "grpc"), "/health");

        using var client = new HttpClient();
        using var http2 = new HttpRequestMessage(HttpMethod.Get, health)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await client.SendAsync(http2, StandIns.Within(10));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.False(await AnswersHttp11Async(client, health), "the grpc endpoint answered an HTTP/1.1 request");
    }

    private static async Task<bool> AnswersHttp11Async(HttpClient client, Uri url)
    {
        try
        {
            using var response = await client.GetAsync(url, StandIns.Within(10));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
