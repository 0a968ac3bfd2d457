using Profiles.AppHost.Hosting;
using Profiles.AppHost.Hosting.Orchestration;

namespace Profiles.AppHost.Tests;

public sealed class StartupOrderTests
{
    [Fact]
    public async Task A_resource_starts_once_what_it_waits_for_is_healthy_and_the_others_at_once()
    {
        var builder = StandIns.CreateBuilder();
        var slow = builder.AddProject("slow", StandIns.ProjectPath)
            .WithEnvironment("StandIn__StartupDelay", "00:00:02");
        builder.AddProject("dependant", StandIns.ProjectPath).WaitFor(slow);
        builder.AddProject("independent", StandIns.ProjectPath);
        await using var app = builder.Build();
        await using var recorder = new SnapshotRecorder(app);

        await app.StartAsync(StandIns.Within(60));
        await app.WaitForHealthyAsync(StandIns.Within(60));

        var slowHealthy = recorder.IndexOfFirst("slow", ResourceState.Running);
        Assert.True(slowHealthy >= 0);
        Assert.True(recorder.IndexOfFirst("dependant", ResourceState.Starting) > slowHealthy, "dependant started before slow was healthy");
        Assert.InRange(recorder.IndexOfFirst("independent", ResourceState.Starting), 0, slowHealthy);
    }
}
