using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Profiles.Fixtures;

namespace Profiles.System.Tests;

/// <summary>What the Aspire dashboard received from every process, read back through its telemetry API.</summary>
[Collection(nameof(WholeSystem))]
public sealed class TelemetryTests(SystemFixture fixture)
{
    /// <summary>The processes that send telemetry: all but Redis.</summary>
    private static readonly string[] Services = ["gateway", .. DistributedSystem.Backends];

    /// <summary>Every part waits this long, so that overlapping (or not) is plain on the clock.</summary>
    private const string EveryPartTakes50Ms = "*=latency:50ms";

    [Fact]
    public async Task A_profile_request_is_one_trace_across_every_process_with_its_parts_overlapping()
    {
        var spans = await TraceOfAsync("/api/profiles/42?viewer=7&budget=5000");

        var parts = PartSpans(spans);
        Assert.Equal(7, parts.Count);
        // Concurrent: every part started before any part ended.
        Assert.True(parts.Max(part => part.Start) < parts.Min(part => part.End), "the parts did not all overlap");
    }

    [Fact]
    public async Task In_sequential_mode_each_part_starts_after_the_previous_one_ended()
    {
        var spans = await TraceOfAsync("/api/profiles/43?viewer=7&budget=5000&mode=sequential");

        var parts = PartSpans(spans).OrderBy(part => part.Start).ToList();
        Assert.Equal(7, parts.Count);
        Assert.All(parts.Zip(parts.Skip(1)), pair => Assert.True(pair.Second.Start >= pair.First.End, $"{pair.Second.Name} started before {pair.First.Name} ended"));
    }

    [Fact]
    public async Task Every_instance_has_console_logs()
    {
        var logs = fixture.System.App.Services.GetRequiredService<ResourceLoggerService>();

        foreach (var resource in DistributedSystem.Resources)
        {
            var instances = fixture.System.InstancesOf(resource);
            Assert.NotEmpty(instances);
            foreach (var instance in instances)
            {
                await foreach (var lines in logs.WatchAsync(instance).WithCancellation(TestTimeouts.Within(30)))
                {
                    if (lines.Count > 0)
                    {
                        break;
                    }
                }
            }
        }
    }

    [Fact]
    public async Task Every_instance_sends_structured_logs()
    {
        using var telemetry = fixture.System.CreateTelemetryClient();
        var cancellation = TestTimeouts.Within(30);
        var byResource = (await telemetry.GetFromJsonAsync<JsonElement>("/api/telemetry/resources", cancellation))
            .EnumerateArray()
            .ToLookup(resource => resource.GetProperty("name").GetString(), resource => resource.GetProperty("displayName").GetString()!);

        foreach (var service in Services)
        {
            // A replica is its own resource to the dashboard, named with its instance id.
            Assert.Equal(fixture.System.InstancesOf(service).Count, byResource[service].Count());
            foreach (var instance in byResource[service])
            {
                while (Otlp.LogRecordCount(await telemetry.GetFromJsonAsync<JsonElement>($"/api/telemetry/logs?resource={instance}&limit=5", cancellation)) == 0)
                {
                    await Task.Delay(250, cancellation);
                }
            }
        }
    }

    /// <summary>
    /// Asks for a profile, then polls the dashboard until its trace has spans from every process and
    /// the seven part spans. Each process exports in batches of its own, so on a busy machine the
    /// trace fills in over seconds; the bound is generous, and missing it says what was missing.
    /// </summary>
    private async Task<List<Span>> TraceOfAsync(string pathAndQuery)
    {
        var profile = await Profile.GetAsync(fixture.Gateway, pathAndQuery, EveryPartTakes50Ms, TestTimeouts.Within(60));
        Assert.Equal(HttpStatusCode.OK, profile.Status);
        var traceId = profile.Body.GetProperty("traceId").GetString()!;
        var partNames = profile.Body.GetProperty("parts").EnumerateArray().Select(part => part.GetProperty("name").GetString()!).ToList();

        using var telemetry = fixture.System.CreateTelemetryClient();
        var giveUpAt = DateTime.UtcNow.AddSeconds(60);
        List<Span> spans = [];
        while (true)
        {
            using var response = await telemetry.GetAsync($"/api/telemetry/traces/{traceId}", TestTimeouts.Within(30));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                spans = Otlp.Spans(await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken));
                var services = spans.Select(span => span.Service).ToHashSet();
                if (Services.All(services.Contains) && PartSpans(spans).Count == 7)
                {
                    return spans;
                }
            }

            Assert.True(
                DateTime.UtcNow < giveUpAt,
                $"trace {traceId}: spans from {string.Join(", ", spans.Select(span => span.Service).Distinct())}; " +
                $"missing {string.Join(", ", Services.Except(spans.Select(span => span.Service)))}; " +
                $"part spans missing: {string.Join(", ", partNames.Except(PartSpans(spans).Select(span => span.Name["profile.part ".Length..])))}; " +
                $"{spans.Count(span => span.Service == "gateway")} gateway spans: {string.Join(", ", spans.Where(span => span.Service == "gateway").Select(span => span.Name))}");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    private static List<Span> PartSpans(IEnumerable<Span> spans) =>
        [.. spans.Where(span => span.Name.StartsWith("profile.part ", StringComparison.Ordinal))];
}
