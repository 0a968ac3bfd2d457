using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Profiles.Silo;

/// <summary>
/// Healthy only while this silo is an active member of the cluster: the AppHost waits on
/// <c>/health</c> before it starts the silo's callers, so healthy has to mean "accepts grain calls".
/// </summary>
internal sealed class SiloActiveHealthCheck(ISiloStatusOracle statusOracle) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = statusOracle.CurrentStatus;
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"Silo is {status}."));
    }
}
