using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Profiles.Contracts.Faults;
using Profiles.Gateway.Hosting;
using Profiles.Gateway.Page;
using Profiles.Gateway.Profiles;

namespace Profiles.Gateway.Tests;

/// <summary>
/// The gateway outside Development, reading its own <c>appsettings.json</c> from its project
/// directory as it does when run: only <c>appsettings.Development.json</c> switches <c>x-fault</c>
/// on, so in Production a request may not choose its faults.
/// </summary>
public sealed class ProductionGatewayTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task In_production_an_x_fault_header_is_a_400_problem_naming_the_header()
    {
        await using var app = await StartAsync(Environments.Production);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/profiles/42") { Headers = { { FaultPlan.HeaderName, "skills=hang" } } };

        using var response = await app.GetTestClient().SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(Cancellation);
        var error = Assert.Single(Assert.Contains(FaultPlan.HeaderName, problem!.Errors));
        Assert.Contains("Faults:AllowRequestOverrides", error, StringComparison.Ordinal);
    }

    // Development as well, so that a Production answer of false cannot come from settings that were never read.
    [Theory]
    [InlineData("Production", false)]
    [InlineData("Development", true)]
    public async Task The_page_config_says_whether_fault_overrides_are_allowed(string environment, bool allowed)
    {
        await using var app = await StartAsync(environment);

        var config = await app.GetTestClient().GetFromJsonAsync<PageConfigEndpoints.PageConfig>("/api/page-config", Cancellation);

        Assert.Equal(allowed, config!.FaultOverridesAllowed);
    }

    /// <summary>
    /// The profile API and the page's config, registered as the gateway registers them, without the
    /// fan-out's background services (the Orleans client's connection and the warm-up): no cluster
    /// runs here, and a refused request never reaches one. The Orleans client is given a static
    /// gateway list, empty, in place of the Redis membership table the AppHost would point it at.
    /// </summary>
    private static async Task<WebApplication> StartAsync(string environment)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment, ContentRootPath = GatewayProject.Directory });
        builder.WebHost.UseTestServer();
        builder.Configuration["Orleans:Clustering:ProviderType"] = "Static";
        builder.AddAdmissionControl();
        builder.AddProfileFanOut();
        builder.Services.RemoveAll<IHostedService>();
        builder.Services.AddProblemDetails();

        var app = builder.Build();
        app.UseRateLimiter();
        app.MapProfileApi();
        app.MapPageConfig();
        await app.StartAsync(Cancellation);
        return app;
    }
}
