using System.Text;
using Profiles.Fixtures;

namespace Profiles.System.Tests;

[Collection(nameof(WholeSystem))]
public sealed class ProbeTests(SystemFixture fixture)
{
    [Fact]
    public async Task Probe()
    {
        var report = new StringBuilder();
        foreach (var (resource, ids) in fixture.System.ProcessIds())
        {
            foreach (var id in ids)
            {
                report.AppendLine($"{resource} {id}: {File.ReadAllText($"/proc/{id}/cmdline").Replace('\0', ' ')}");
                foreach (var child in ProcessTree.DescendantsOf(id))
                {
                    report.AppendLine($"   child {child}: {File.ReadAllText($"/proc/{child}/cmdline").Replace('\0', ' ')}");
                }
            }
        }

        await fixture.Gateway.GetStringAsync("/api/profiles/42?viewer=7", TestContext.Current.CancellationToken);
        await Task.Delay(5000, TestContext.Current.CancellationToken);
        using var telemetry = fixture.System.CreateTelemetryClient();
        foreach (var path in new[] { "/api/telemetry/resources", "/api/telemetry/traces?limit=1", "/api/telemetry/spans?limit=3&resource=silo", "/api/telemetry/logs?limit=2&resource=silo", "/api/telemetry/logs?limit=2&resource=gateway" })
        {
            using var response = await telemetry.GetAsync(path, TestContext.Current.CancellationToken);
            report.AppendLine($"{path} {response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        }

        await File.WriteAllTextAsync("/tmp/h1-probe.txt", report.ToString(), TestContext.Current.CancellationToken);
    }
}
