using System.Globalization;
using Profiles.Fixtures;

namespace Profiles.System.Tests;

/// <summary>
/// Nothing the system opens is reachable from another machine. Its processes are found from the
/// ids Aspire reports, never by name: each resource's instances (a project's <c>dotnet run</c>
/// launcher with the service below it, <c>redis-server</c>, the dashboard), DCP above them (the
/// processes between a launcher and this test's own line of ancestors: DCP detaches from the
/// AppHost that starts it), everything else DCP runs, and this process, which is the AppHost.
/// </summary>
[Collection(nameof(WholeSystem))]
public sealed class LoopbackTests(SystemFixture fixture)
{
    [Fact]
    public async Task Every_port_the_system_opens_listens_on_loopback_only()
    {
        var instances = fixture.System.ProcessIds();
        var appHost = LinuxProcess.Read(Environment.ProcessId)!.Value;
        var appHostLine = appHost.Ancestors().Select(process => process.Id).Append(appHost.Id).ToHashSet();
        var dcp = instances.Values.SelectMany(ids => ids)
            .SelectMany(id => LinuxProcess.Read(id)?.Ancestors() ?? [])
            .Where(process => !appHostLine.Contains(process.Id))
            .Select(process => process.Id)
            .ToHashSet();
        var system = LinuxProcess.WithDescendants(dcp.Concat(instances.Values.SelectMany(ids => ids))).Append(appHost).ToList();
        var systemIds = system.Select(process => process.Id).ToHashSet();
        var sockets = (await ListeningSocket.ListAsync(TestTimeouts.Within(30)))
            .Where(socket => socket.ProcessIds.Any(systemIds.Contains))
            .ToList();
        var report = Report(system, sockets);

        // So that the check below cannot pass for want of sockets: every instance is seen listening.
        foreach (var resource in DistributedSystem.Resources.Append(DistributedSystem.DashboardResource))
        {
            Assert.True(instances.TryGetValue(resource, out var ids), $"{resource} has no running instance\n{report}");
            foreach (var id in ids)
            {
                var tree = LinuxProcess.WithDescendants([id]).Select(process => process.Id).ToHashSet();
                Assert.True(sockets.Any(socket => socket.ProcessIds.Any(tree.Contains)), $"{resource} ({id}) listens on nothing\n{report}");
            }
        }

        Assert.True(sockets.Any(socket => socket.ProcessIds.Any(dcp.Contains)), $"DCP ({string.Join(", ", dcp)}) listens on nothing\n{report}");
        var exposed = sockets.Where(socket => !socket.IsLoopbackOnly).Select(socket => socket.LocalAddress).ToList();
        Assert.True(exposed.Count == 0, $"listening beyond loopback: {string.Join(", ", exposed)}\n{report}");
    }

    /// <summary>Every process of the system with what it listens on, for a failure to show what was seen.</summary>
    private static string Report(IEnumerable<LinuxProcess> system, IReadOnlyList<ListeningSocket> sockets) =>
        string.Join('\n', system.Select(process =>
            $"{process.Id.ToString(CultureInfo.InvariantCulture)} (parent {process.ParentId.ToString(CultureInfo.InvariantCulture)}) {Shorten(process.CommandLine)}: " +
            string.Join(' ', sockets.Where(socket => socket.ProcessIds.Contains(process.Id)).Select(socket => socket.LocalAddress))));

    private static string Shorten(string commandLine) => commandLine.Length <= 120 ? commandLine : commandLine[..120] + "…";
}
