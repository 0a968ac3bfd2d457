using Profiles.AppHost.Hosting;
using Profiles.AppHost.Hosting.Orchestration;

namespace Profiles.AppHost.Tests;

public sealed class ResourceControlTests
{
    [Fact]
    public async Task One_resource_can_be_stopped_started_and_restarted_while_the_others_run()
    {
        var builder = StandIns.CreateBuilder();
        builder.AddProject("worker", StandIns.ProjectPath);
        builder.AddProject("bystander", StandIns.ProjectPath);
        await using var app = builder.Build();
        await app.StartAsync(StandIns.Within(60));
        await app.WaitForHealthyAsync(StandIns.Within(60));
        var bystander = ProcessOf(app, "bystander");
        var first = ProcessOf(app, "worker");

        await app.StopResourceAsync("worker", StandIns.Within(15));
        Assert.True(StandIns.IsGone(first));
        Assert.Equal(ResourceState.Exited, Snapshot(app, "worker").State);
        Assert.Equal([bystander], app.GetProcessIds());

        await app.StartResourceAsync("worker", StandIns.Within(15));
        await app.WaitForResourceHealthyAsync("worker", StandIns.Within(60));
        var second = ProcessOf(app, "worker");
        Assert.NotEqual(first, second);

        await app.RestartResourceAsync("worker", StandIns.Within(15));
        await app.WaitForResourceHealthyAsync("worker", StandIns.Within(60));
        var third = Snapshot(app, "worker");
        Assert.True(StandIns.IsGone(second));
        Assert.NotEqual(second, third.ProcessId);
        Assert.Equal(1, third.RestartCount);
        Assert.Equal(bystander, ProcessOf(app, "bystander"));
    }

    private static ReplicaSnapshot Snapshot(DistributedApplication app, string resource) =>
        app.ResourceNotifications.GetSnapshots().Single(snapshot => snapshot.ResourceName == resource);

    private static int ProcessOf(DistributedApplication app, string resource) =>
        Snapshot(app, resource).ProcessId ?? throw new InvalidOperationException($"{resource} has no process.");
}
