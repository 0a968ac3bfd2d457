using System.Net;
using System.Net.Http.Headers;

namespace Profiles.System.Tests;

/// <summary>
/// The dashboard lets in only whom the AppHost meant: a browser that came through the login link
/// (its token), a caller of the telemetry API with its key (<c>x-api-key</c>), and a process that
/// exports OTLP with the key the AppHost handed it (<c>x-otlp-api-key</c> in
/// <c>OTEL_EXPORTER_OTLP_HEADERS</c>, the dashboard's <c>Dashboard:Otlp:AuthMode</c> being
/// <c>ApiKey</c>). Each refusal is shown beside the same request let in, so that it cannot be a
/// refusal for some other reason.
/// </summary>
[Collection(nameof(WholeSystem))]
public sealed class DashboardAccessTests(SystemFixture fixture)
{
    private static readonly string[] Pages = ["/", "/structuredlogs", "/traces", "/metrics"];

    /// <summary>OTLP/gRPC's trace export, which every process of the system calls.</summary>
    private const string TraceExport = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";

    private const string OtlpKeyHeader = "x-otlp-api-key";

    [Fact]
    public async Task Without_the_login_cookie_every_page_redirects_to_the_login()
    {
        using var browser = Browser(out _);
        foreach (var page in Pages)
        {
            await AssertRedirectsToLoginAsync(browser, page);
        }
    }

    [Fact]
    public async Task A_wrong_token_sets_no_login_cookie_and_the_right_one_does()
    {
        using var browser = Browser(out var cookies);

        using var wrong = await browser.GetAsync($"/login?t={new string('0', fixture.System.BrowserToken.Length)}", TestTimeouts.Within(30));
        Assert.Empty(cookies.GetAllCookies());
        await AssertRedirectsToLoginAsync(browser, "/");

        using var right = await browser.GetAsync($"/login?t={fixture.System.BrowserToken}", TestTimeouts.Within(30));
        Assert.NotEmpty(cookies.GetAllCookies());
        foreach (var page in Pages)
        {
            using var response = await browser.GetAsync(page, TestTimeouts.Within(30));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task The_telemetry_api_answers_only_with_its_api_key()
    {
        using var client = new HttpClient { BaseAddress = fixture.System.DashboardUrl };
        var key = fixture.System.DashboardApiKey;

        using var without = await GetResourcesAsync(client, key: null);
        using var wrong = await GetResourcesAsync(client, new string('0', key.Length));
        using var with = await GetResourcesAsync(client, key);

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }

    [Fact]
    public async Task An_otlp_export_is_refused_without_the_otlp_api_key_and_accepted_with_it()
    {
        // Where and how the AppHost told the gateway to export, as every process is told.
        Assert.Equal("grpc", fixture.System.EnvironmentOf("gateway", "OTEL_EXPORTER_OTLP_PROTOCOL"));
        var endpoint = new Uri(fixture.System.EnvironmentOf("gateway", "OTEL_EXPORTER_OTLP_ENDPOINT")!);
        var headers = (fixture.System.EnvironmentOf("gateway", "OTEL_EXPORTER_OTLP_HEADERS") ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(header => header.Split('=', 2))
            .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var key = Assert.Contains(OtlpKeyHeader, headers);
        using var client = new HttpClient();

        using var without = await ExportAsync(client, endpoint, key: null);
        using var wrong = await ExportAsync(client, endpoint, new string('0', key.Length));
        using var with = await ExportAsync(client, endpoint, key);

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
        Assert.Equal("0", await GrpcStatusAsync(with));
    }

    /// <summary>A client with a cookie jar that does not follow redirects, so that each one is seen.</summary>
    private HttpClient Browser(out CookieContainer cookies)
    {
        cookies = new CookieContainer();
#pragma warning disable CA2000 // The client owns its handler.
        var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies };
#pragma warning restore CA2000
        return new HttpClient(handler) { BaseAddress = fixture.System.DashboardUrl };
    }

    private async Task AssertRedirectsToLoginAsync(HttpClient browser, string page)
    {
        using var response = await browser.GetAsync(page, TestTimeouts.Within(30));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", new Uri(fixture.System.DashboardUrl, response.Headers.Location!).AbsolutePath);
    }

    private static async Task<HttpResponseMessage> GetResourcesAsync(HttpClient client, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/telemetry/resources");
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        // Generous: the dashboard takes this export in turn with the suite's own telemetry, which may be a backlog.
        return await client.SendAsync(request, TestTimeouts.Within(120));
    }

    /// <summary>An OTLP/gRPC export of no spans: a gRPC frame (no compression, length 0) over HTTP/2 without TLS.</summary>
    private static async Task<HttpResponseMessage> ExportAsync(HttpClient client, Uri endpoint, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, TraceExport))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(new byte[5]) { Headers = { ContentType = new MediaTypeHeaderValue("application/grpc") } },
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        if (key is not null)
        {
            request.Headers.Add(OtlpKeyHeader, key);
        }

        // Generous: the dashboard takes this export in turn with the suite's own telemetry, which may be a backlog.
        return await client.SendAsync(request, TestTimeouts.Within(120));
    }

    /// <summary>gRPC's own status: in the trailers, or in the headers of an answer that has no body.</summary>
    private static async Task<string?> GrpcStatusAsync(HttpResponseMessage response)
    {
        await response.Content.ReadAsByteArrayAsync(TestTimeouts.Within(30));
        return response.TrailingHeaders.TryGetValues("grpc-status", out var trailer) ? trailer.Single()
            : response.Headers.TryGetValues("grpc-status", out var header) ? header.Single()
            : null;
    }
}
