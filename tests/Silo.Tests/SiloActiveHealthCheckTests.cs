using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Profiles.Silo.Tests;

[Collection(SharedSilo.Name)]
public sealed class SiloActiveHealthCheckTests(SiloFixture silo)
{
    [Fact]
    public async Task A_started_silo_is_healthy()
    {
        var statusOracle = silo.Cluster.Silos[0].ServiceProvider.GetRequiredService<ISiloStatusOracle>();
        var check = new SiloActiveHealthCheck(statusOracle);

        var result = await check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }
}
