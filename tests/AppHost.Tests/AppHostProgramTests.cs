using Profiles.AppHost.Hosting;
using Profiles.AppHost.Hosting.Orchestration;
using Profiles.AppHost.Hosting.Testing;

namespace Profiles.AppHost.Tests;

/// <summary>The real AppHost, once every service it runs builds.</summary>
public sealed class AppHostProgramTests
{
    [Fact]
    public async Task Every_resource_becomes_healthy_and_the_gateway_answers()
    {
        DistributedApplication app;
        try
        {
            app = await DistributedApplicationTestingBuilder.StartAsync<Program>(
                options => options.ConsoleOutput = StandIns.WriteToTestOutput, StandIns.Within(30));
        }
        catch (ProjectNotBuiltException notBuilt)
        {
            Assert.Skip(notBuilt.Message);
            return;
        }

        await using (app)
        {
            try
            {
                await app.WaitForHealthyAsync(StandIns.Within(120));
            }
            catch (OperationCanceledException)
            {
                var notHealthy = app.ResourceNotifications.GetSnapshots().Where(snapshot => snapshot.State != ResourceState.Running);
                Assert.Fail($"Not healthy after 120 s: {string.Join(", ", notHealthy.Select(snapshot => $"{snapshot.DisplayName} ({snapshot.State})"))}");
            }

            using var client = app.CreateHttpClient("gateway");
            using var response = await client.GetAsync("/health", StandIns.Within(10));
            response.EnsureSuccessStatusCode();
        }
    }
}
