extern alias StandInAppHost;

using System.Net.Http.Json;
using Profiles.AppHost.Hosting.Testing;

namespace Profiles.AppHost.Tests;

/// <summary>An AppHost's own Program, run in this process by DistributedApplicationTestingBuilder.</summary>
public sealed class EntryPointTests
{
    [Fact]
    public async Task StartAsync_runs_the_AppHosts_model_on_free_ports_without_faults()
    {
        await using var app = await DistributedApplicationTestingBuilder.StartAsync<StandInAppHost::Program>(
            options => options.ConsoleOutput = StandIns.WriteToTestOutput, StandIns.Within(30));
        await app.WaitForHealthyAsync(StandIns.Within(60));

        Assert.NotEqual(5080, app.GetEndpoint("gateway").Port);
        using var client = app.CreateHttpClient("gateway");
        var configuration = await client.GetFromJsonAsync<Dictionary<string, string>>("/config", StandIns.Within(10));
        Assert.NotNull(configuration);
        Assert.Equal("none", configuration["Faults:Profile"]);
        Assert.Equal(app.GetEndpoint("backend", "grpc", replica: 1).ToString().TrimEnd('/'), configuration["services:backend:grpc:1"]);
        Assert.Equal(3, app.GetProcessIds().Count);
    }

    [Fact]
    public async Task CreateAsync_pauses_the_AppHost_at_Build_so_a_test_can_change_it()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<StandInAppHost::Program>(
            [], options => options.ConsoleOutput = StandIns.WriteToTestOutput, StandIns.Within(30));
        Assert.Equal(["backend", "gateway"], builder.Resources.Select(resource => resource.Name));
        builder.Configuration["Faults:Profile"] = "changed-by-the-test";

        await using var app = await builder.BuildAsync(StandIns.Within(30));
        await app.StartAsync(StandIns.Within(30));
        await app.WaitForHealthyAsync(StandIns.Within(60));

        using var client = app.CreateHttpClient("gateway");
        var configuration = await client.GetFromJsonAsync<Dictionary<string, string>>("/config", StandIns.Within(10));
        Assert.NotNull(configuration);
        Assert.Equal("changed-by-the-test", configuration["Faults:Profile"]);
    }
}
