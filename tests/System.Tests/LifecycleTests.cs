using System.Diagnostics;
using System.Net;
using Profiles.AppHost.Hosting.Testing;

namespace Profiles.System.Tests;

/// <summary>An app of its own, because disposing it is the point: nothing it started may outlive it.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task Disposing_the_app_leaves_none_of_its_processes_alive()
    {
        IReadOnlyList<int> processIds;
        await using (var app = await DistributedApplicationTestingBuilder.StartAsync<Program>(cancellationToken: TestTimeouts.Within(180)))
        {
            await app.WaitForHealthyAsync(TestTimeouts.Within(180));
            using var gateway = app.CreateHttpClient("gateway");

            var profile = await Profile.GetAsync(gateway, "/api/profiles/42?viewer=7&budget=5000", faults: null, TestTimeouts.Within(60));

            Assert.Equal(HttpStatusCode.OK, profile.Status);
            Assert.All(profile.PartNames, part => Assert.Equal("ok", profile.StatusOf(part)));
            processIds = app.GetProcessIds();
            Assert.Equal(7, processIds.Count);
        }

        Assert.All(processIds, processId => Assert.True(IsGone(processId), $"process {processId} outlived the app"));
    }

    private static bool IsGone(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
