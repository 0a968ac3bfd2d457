using System.Diagnostics;
using System.Net;
using Profiles.Fixtures;

namespace Profiles.System.Tests;

/// <summary>A system of its own, because disposing it is the point: nothing it started may outlive it.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task Disposing_the_system_leaves_none_of_its_processes_alive()
    {
        var started = new List<int>();
        await using (var system = await DistributedSystem.StartAsync(new SystemOptions(), TestTimeouts.Within(300)))
        {
            using var gateway = system.CreateGatewayClient();
            var profile = await Profile.GetAsync(gateway, "/api/profiles/42?viewer=7&budget=5000", faults: null, TestTimeouts.Within(60));

            Assert.Equal(HttpStatusCode.OK, profile.Status);
            Assert.All(profile.PartNames, part => Assert.Equal("ok", profile.StatusOf(part)));
            var processIds = system.ProcessIds();
            Assert.Equal(DistributedSystem.Resources.Order(), processIds.Keys.Order());
            Assert.Equal(system.Options.SiloReplicas, processIds["silo"].Length);
            foreach (var processId in processIds.Values.SelectMany(ids => ids))
            {
                started.Add(processId);
                // Aspire reports the launcher DCP ran (dotnet run, for a project); the service is below it.
                started.AddRange(ProcessTree.DescendantsOf(processId));
            }

            Assert.All(started, processId => Assert.False(IsGone(processId), $"process {processId} was not running"));
        }

        Assert.All(started, processId => Assert.True(IsGone(processId), $"process {processId} outlived the system"));
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
