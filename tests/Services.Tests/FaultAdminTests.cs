using System.Net;
using System.Net.Http.Json;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using Profiles.Backends;
using Profiles.Contracts.Members;
using Profiles.Simulation.Admin;

namespace Profiles.Services.Tests;

/// <summary>
/// <c>/admin/faults</c>, on the members backend as any backend has it: what the AppHost's fault
/// commands call. The key is the one the AppHost would have handed the backend.
/// </summary>
public sealed class FaultAdminTests : IAsyncLifetime
{
    private const string Key = "the-apphost-key-of-this-run";

    private readonly BackendHost<MembersService> _host = new() { Settings = new Dictionary<string, string> { ["Faults:AdminKey"] = Key } };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_caller_without_a_key_is_refused_with_a_401()
    {
        using var response = await _host.CreateClient().PutAsync(FaultAdminEndpoints.Path, new StringContent("*=hang"), Cancellation);

        await AssertProblemAsync(HttpStatusCode.Unauthorized, response);
        await AssertAnswersAsync();
    }

    [Fact]
    public async Task A_caller_with_the_wrong_key_is_refused_with_a_403()
    {
        using var response = await Send(HttpMethod.Put, "*=hang", key: "a-guess");

        await AssertProblemAsync(HttpStatusCode.Forbidden, response);
        await AssertAnswersAsync();
    }

    [Fact]
    public async Task A_process_given_no_key_refuses_every_key()
    {
        await using var keyless = new BackendHost<MembersService>();
        using var client = keyless.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, FaultAdminEndpoints.Path) { Headers = { { FaultAdminEndpoints.KeyHeader, Key } } };

        using var response = await client.SendAsync(request, Cancellation);

        await AssertProblemAsync(HttpStatusCode.Forbidden, response);
    }

    [Theory]
    [InlineData("members=explode", "explode")]
    [InlineData("nobody=hang", "nobody")]
    [InlineData("*=latency:forever", "forever")]
    public async Task A_plan_that_does_not_parse_is_a_400_naming_the_bad_token(string plan, string token)
    {
        using var response = await Send(HttpMethod.Put, plan);

        var problem = await AssertProblemAsync(HttpStatusCode.BadRequest, response);
        Assert.Contains(token, problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_plan_is_a_400_that_points_at_delete()
    {
        using var response = await Send(HttpMethod.Put, "  ");

        var problem = await AssertProblemAsync(HttpStatusCode.BadRequest, response);
        Assert.Contains("DELETE", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plan_longer_than_the_limit_is_a_400()
    {
        using var response = await Send(HttpMethod.Put, "*=hang;" + new string(' ', FaultAdminEndpoints.MaxPlanLength));

        await AssertProblemAsync(HttpStatusCode.BadRequest, response);
    }

    [Fact]
    public async Task A_live_fault_fails_the_calls_until_it_is_healed()
    {
        using var set = await Send(HttpMethod.Put, "*=error:unavailable");
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(new LiveFaultsView("*=error:unavailable"), await set.Content.ReadFromJsonAsync<LiveFaultsView>(Cancellation));

        var error = await Assert.ThrowsAsync<RpcException>(() => GetMemberAsync().ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);

        using var heal = await Send(HttpMethod.Delete, plan: null);
        Assert.Equal(HttpStatusCode.OK, heal.StatusCode);
        Assert.Equal(new LiveFaultsView(""), await heal.Content.ReadFromJsonAsync<LiveFaultsView>(Cancellation));
        await AssertAnswersAsync();
    }

    [Fact]
    public async Task A_new_plan_replaces_the_last_one()
    {
        using var first = await Send(HttpMethod.Put, "*=hang");
        using var second = await Send(HttpMethod.Put, "members=latency:1ms");

        using var current = await Send(HttpMethod.Get, plan: null);

        Assert.Equal(new LiveFaultsView("members=latency:1ms"), await current.Content.ReadFromJsonAsync<LiveFaultsView>(Cancellation));
        await AssertAnswersAsync();
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task<HttpResponseMessage> Send(HttpMethod method, string? plan, string key = Key)
    {
        using var request = new HttpRequestMessage(method, FaultAdminEndpoints.Path) { Headers = { { FaultAdminEndpoints.KeyHeader, key } } };
        if (plan is not null)
        {
            request.Content = new StringContent(plan);
        }

        return await _host.CreateClient().SendAsync(request, Cancellation);
    }

    private AsyncUnaryCall<MemberCard> GetMemberAsync() =>
        new Members.MembersClient(_host.CreateChannel()).GetMemberAsync(new GetMemberRequest { MemberId = 42 }, cancellationToken: Cancellation);

    private async Task AssertAnswersAsync() => Assert.Equal(42, (await GetMemberAsync()).MemberId);

    private static async Task<ProblemDetails> AssertProblemAsync(HttpStatusCode expected, HttpResponseMessage response)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(Cancellation);
        Assert.NotNull(problem);
        Assert.Equal((int)expected, problem.Status);
        return problem;
    }
}
