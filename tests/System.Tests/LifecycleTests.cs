using System.Net;
using Profiles.Fixtures;

namespace Profiles.System.Tests;

/// <summary>A system of its own, because disposing it is the point: nothing it started may outlive it.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task Disposing_the_system_leaves_none_of_its_processes_alive()
    {
        IReadOnlyList<LinuxProcess> started;
        await using (var system = await DistributedSystem.StartAsync(new SystemOptions(), TestTimeouts.Within(300)))
        {
            using var gateway = system.CreateGatewayClient();
            var profile = await WarmProfileAsync(gateway);

            Assert.Equal(HttpStatusCode.OK, profile.Status);
            Assert.All(profile.PartNames, part => Assert.Equal("ok", profile.StatusOf(part)));
            var processIds = system.ProcessIds();
            Assert.Equal(DistributedSystem.Resources.Order(), processIds.Keys.Order());
            Assert.Equal(system.Options.SiloReplicas, processIds["silo"].Length);
            // Aspire reports the launcher DCP ran (dotnet run, for a project); the service is below it.
            started = LinuxProcess.WithDescendants(processIds.Values.SelectMany(ids => ids));
            Assert.True(started.Count > processIds.Values.Sum(ids => ids.Length), "no service process was found below the launchers");
        }

        // Dispose returns once DCP has stopped the launchers; their services follow within seconds (ParentProcessWatchdog).
        var survivors = await LinuxProcess.SurvivorsAfterAsync(started, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.True(survivors.Count == 0, $"outlived the system: {string.Join("; ", survivors.Select(process => $"{process.Id} {process.CommandLine}"))}");
    }

    /// <summary>
    /// Healthy is not warm: the first calls into a fresh Orleans cluster (membership, activations)
    /// can overrun a part's budget on a busy machine, so ask again for a while before judging.
    /// </summary>
    private static async Task<Profile> WarmProfileAsync(HttpClient gateway)
    {
        var giveUpAt = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var profile = await Profile.GetAsync(gateway, "/api/profiles/42?viewer=7&budget=5000", faults: null, TestTimeouts.Within(60));
            if (DateTime.UtcNow > giveUpAt || (profile.Status == HttpStatusCode.OK && profile.PartNames.All(part => profile.StatusOf(part) == "ok")))
            {
                return profile;
            }

            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
    }
}
