using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Profiles.Fixtures;
using Profiles.Load.Target;

namespace Profiles.Load.Faults;

/// <summary>
/// The faults the chaos scenario deals the system, each to processes the harness itself started
/// through Aspire: a replica killed by the process id Aspire reported for it, a resource restarted
/// or started with Aspire's own commands, a backend hung with its dashboard command.
/// </summary>
public sealed class Incident(DistributedSystem system, Action<string> log)
{
    /// <summary>
    /// Kills one instance of <paramref name="resource"/> with SIGKILL, the service process itself
    /// (DCP runs a project as <c>dotnet run</c>, whose child it is), and returns the instance's name
    /// and the launcher's process id, which Aspire reports.
    /// </summary>
    public (string Instance, int ProcessId) Kill(string resource)
    {
        var (instance, launcher) = system.InstanceProcessIds(resource).OrderBy(pair => pair.Key, StringComparer.Ordinal).First();
        var service = LoadTarget.ServiceProcessOf(launcher);
        using var process = Process.GetProcessById(service);
        process.Kill();
        log($"chaos: killed {instance} (process {service}, launched by {launcher})");
        return (instance, launcher);
    }

    /// <summary>
    /// Waits up to <paramref name="grace"/> for the AppHost to start the killed instance again by
    /// itself (AppHost/Restarts); if it does not, starts it with Aspire's start command. Either way
    /// waits until it is a new process and healthy, and says whether the AppHost restarted it unasked.
    /// </summary>
    public async Task<bool> BringBackAsync(string instance, int processIdBefore, TimeSpan grace, CancellationToken cancellationToken)
    {
        using var unasked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        unasked.CancelAfter(grace);
        try
        {
            await system.WaitUntilReplacedAsync(instance, processIdBefore, unasked.Token);
            log($"chaos: the AppHost started {instance} again by itself");
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            log($"chaos: {instance} is {system.StateOf(instance) ?? "gone"} after {grace.TotalSeconds:0} s; starting it with Aspire's start command");
        }

        await system.ExecuteInstanceCommandAsync(instance, KnownResourceCommands.StartCommand, cancellationToken);
        await system.WaitUntilReplacedAsync(instance, processIdBefore, cancellationToken);
        return false;
    }

    /// <summary>Restarts every instance of a resource with Aspire's restart command and waits until each is a new, healthy process.</summary>
    public async Task RestartAsync(string resource, CancellationToken cancellationToken)
    {
        foreach (var (instance, processId) in system.InstanceProcessIds(resource))
        {
            await system.ExecuteInstanceCommandAsync(instance, KnownResourceCommands.RestartCommand, cancellationToken);
            await system.WaitUntilReplacedAsync(instance, processId, cancellationToken);
            log($"chaos: restarted {instance}");
        }
    }

    /// <summary>Runs one of a resource's dashboard commands (fault-hang, fault-heal) on every replica.</summary>
    public Task CommandAsync(string resource, string command, CancellationToken cancellationToken) =>
        system.ExecuteCommandAsync(resource, command, cancellationToken);
}
