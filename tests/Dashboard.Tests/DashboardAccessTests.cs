using System.Net;

namespace Profiles.AppHost.Dashboard.Tests;

/// <summary>Who gets in: the login cookie from the printed token, or the API key; no one else, unless unsecured.</summary>
[Collection(nameof(SharedDashboard))]
public sealed class DashboardAccessTests(DashboardHost dashboard)
{
    private const string ResourcesApi = "/api/telemetry/resources";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_API_takes_the_API_key_and_refuses_a_missing_or_wrong_one_with_401()
    {
        using var client = Browser(out _);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(ResourcesApi, Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, ResourcesApi, "wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, ResourcesApi, dashboard.Access.ApiKey)).StatusCode);
        using var api = dashboard.App.CreateDashboardClient();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/telemetry/traces?limit=5", Cancellation)).StatusCode);
    }

    [Fact]
    public async Task A_page_without_the_cookie_redirects_to_login()
    {
        using var client = Browser(out _);

        using var response = await client.GetAsync("/traces", Cancellation);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.AbsolutePath);
        Assert.Contains("returnUrl=%2Ftraces", response.Headers.Location.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_login_link_sets_the_cookie_that_lets_the_browser_in()
    {
        using var client = Browser(out var cookies);

        using var login = await client.GetAsync(new Uri(dashboard.Access.LoginUrl + "&returnUrl=%2Ftraces"), Cancellation);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/traces", login.Headers.Location!.OriginalString);
        Assert.NotEmpty(cookies.GetCookies(dashboard.Access.Url));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(ResourcesApi, Cancellation)).StatusCode);
    }

    [Fact]
    public async Task A_wrong_token_sets_no_cookie_and_never_redirects_off_the_dashboard()
    {
        using var client = Browser(out var cookies);

        using var wrong = await client.GetAsync("/login?t=wrong", Cancellation);
        Assert.NotEqual(HttpStatusCode.Redirect, wrong.StatusCode);
        // The login page's form may set its antiforgery cookie; the login cookie is what must be missing.
        Assert.DoesNotContain(cookies.GetCookies(dashboard.Access.Url), cookie => cookie.Name == ".Profiles.Dashboard");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(ResourcesApi, Cancellation)).StatusCode);

        using var offSite = await client.GetAsync($"/login?t={dashboard.Access.BrowserToken}&returnUrl=%2F%2Fevil.example", Cancellation);
        Assert.Equal("/", offSite.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Unsecured_lets_anyone_in()
    {
        await using var unsecured = await DashboardHost.StartAsync(settings => settings["Dashboard:Unsecured"] = "true");
        using var client = new HttpClient { BaseAddress = unsecured.Dashboard.Url };

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(ResourcesApi, Cancellation)).StatusCode);
    }

    private HttpClient Browser(out CookieContainer cookies)
    {
        cookies = new CookieContainer();
        return new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = dashboard.Access.Url };
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(DashboardAccess.ApiKeyHeader, apiKey);
        return await client.SendAsync(request, Cancellation);
    }
}
