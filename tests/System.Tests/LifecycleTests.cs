using System.Diagnostics;
using System.Net;
using Aspire.Hosting.ApplicationModel;
using Profiles.Fixtures;

namespace Profiles.System.Tests;

/// <summary>Systems of their own, because what is tested ends or kills their processes.</summary>
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

    [Fact]
    public async Task A_crashed_backend_is_started_again_by_the_AppHost_and_a_stopped_one_stays_stopped()
    {
        var firstRestartDelay = TimeSpan.FromSeconds(1);
        await using var system = await DistributedSystem.StartAsync(new SystemOptions { FirstRestartDelay = firstRestartDelay }, TestTimeouts.Within(300));
        var (instance, launcher) = system.InstanceProcessIds("skills").Single();

        // The service below its dotnet run, killed as a crash would end it: dotnet run ends with its exit code, 137.
        using (var service = Process.GetProcessById(LinuxProcess.WithDescendants([launcher]).Skip(1).First().Id))
        {
            service.Kill();
        }

        await system.WaitUntilReplacedAsync(instance, launcher, TestTimeouts.Within(120));
        var (_, restarted) = system.InstanceProcessIds("skills").Single();

        await system.StopResourceAsync("skills", TestTimeouts.Within(60));
        // Ten times the first delay: a restart of a stop would have come long before.
        await Task.Delay(firstRestartDelay * 10, TestContext.Current.CancellationToken);
        Assert.NotEqual(KnownResourceStates.Running, system.StateOf(instance));
        Assert.Null(LinuxProcess.Read(restarted));
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
