using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Hosting;

public static class BackendExtensions
{
    /// <summary>
    /// A backend of the fan-out: its fault profile, a readiness check (so that <c>WaitFor</c> means
    /// healthy), plain HTTP like every endpoint of the system (no development certificate to trust)
    /// and, in Development, the dashboard's fault commands with the key they need
    /// (<see cref="FaultSettings"/>).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithFaults(this IResourceBuilder<ProjectResource> backend, FaultSettings faults)
    {
        backend
            .WithEnvironment("Faults__Profile", faults.Profile)
            .WithHttpHealthCheck("/health")
            .WithoutHttpsCertificate();
        return faults.AdminKey is { } adminKey
            ? backend.WithEnvironment("Faults__AdminKey", adminKey).WithFaultCommands(adminKey)
            : backend;
    }

    /// <summary>
    /// <c>fault-latency</c>, <c>fault-fail</c>, <c>fault-hang</c>, <c>fault-tail</c> and <c>fault-heal</c>:
    /// each turns the instance's live faults (its <c>/admin/faults</c>) to one plan, on the replica
    /// it is clicked on; run on the resource (<c>ExecuteCommandAsync(resource, ...)</c>) it reaches every replica.
    /// </summary>
    private static IResourceBuilder<ProjectResource> WithFaultCommands(this IResourceBuilder<ProjectResource> backend, string adminKey)
    {
        foreach (var command in FaultCommand.All)
        {
            backend.WithCommand(
                command.Name,
                command.DisplayName,
                context => FaultAdminClient.SendAsync(context, command, adminKey),
                new CommandOptions
                {
                    Description = command.Description,
                    IconName = command.IconName,
                    // Only a healthy instance has its admin endpoint up; a hung one still is, since only its calls hang.
                    UpdateState = context => context.ResourceSnapshot.HealthStatus is HealthStatus.Healthy
                        ? ResourceCommandState.Enabled
                        : ResourceCommandState.Disabled,
                });
        }

        return backend;
    }
}
