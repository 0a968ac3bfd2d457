using Profiles.AppHost.Hosting;

namespace Profiles.AppHost.Tests;

public sealed class DisposeTests
{
    [Fact]
    public async Task Disposing_the_application_leaves_no_child_alive()
    {
        var builder = StandIns.CreateBuilder();
        builder.AddProject("single", StandIns.ProjectPath);
        builder.AddProject("replicated", StandIns.ProjectPath).WithReplicas(2);
        var app = builder.Build();
        await app.StartAsync(StandIns.Within(60));
        await app.WaitForHealthyAsync(StandIns.Within(60));
        var children = app.GetProcessIds();

        await app.DisposeAsync();

        Assert.Equal(3, children.Count);
        Assert.All(children, child => Assert.True(StandIns.IsGone(child), $"PID {child} is still alive"));
    }
}
