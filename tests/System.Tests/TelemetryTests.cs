using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Profiles.System.Tests;

/// <summary>What the dashboard received from every process, read back through its JSON API.</summary>
[Collection(nameof(WholeSystem))]
public sealed class TelemetryTests(SystemFixture system)
{
    private static readonly string[] Resources = ["gateway", .. SystemFixture.Backends];

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
    public async Task Every_resource_has_console_logs_and_structured_logs()
    {
        using var dashboard = system.App.CreateDashboardClient();
        var cancellation = TestTimeouts.Within(30);

        foreach (var resource in Resources)
        {
            Assert.NotEmpty(system.App.ConsoleLogs.GetLines(resource));
            while (true)
            {
                var logs = await dashboard.GetFromJsonAsync<JsonElement>($"/api/telemetry/logs?resource={resource}&limit=5", cancellation);
                if (logs.GetArrayLength() > 0)
                {
                    break;
                }

                await Task.Delay(250, cancellation);
            }
        }
    }

    /// <summary>Asks for a profile, then polls the dashboard until its trace has spans from every process.</summary>
    private async Task<JsonElement[]> TraceOfAsync(string pathAndQuery)
    {
        var profile = await Profile.GetAsync(system.Gateway, pathAndQuery, EveryPartTakes50Ms, TestTimeouts.Within(60));
        Assert.Equal(HttpStatusCode.OK, profile.Status);
        var traceId = profile.Body.GetProperty("traceId").GetString()!;

        using var dashboard = system.App.CreateDashboardClient();
        var cancellation = TestTimeouts.Within(20);
        while (true)
        {
            using var response = await dashboard.GetAsync($"/api/telemetry/traces/{traceId}", cancellation);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var spans = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellation)).GetProperty("spans").EnumerateArray().ToArray();
                var services = spans.Select(span => span.GetProperty("resource").GetProperty("serviceName").GetString()).ToHashSet();
                if (Resources.All(services.Contains) && PartSpans(spans).Count == 7)
                {
                    return spans;
                }
            }

            await Task.Delay(250, cancellation);
        }
    }

    private static List<PartSpan> PartSpans(IEnumerable<JsonElement> spans) =>
    [
        .. spans
            .Where(span => span.GetProperty("name").GetString()!.StartsWith("profile.part ", StringComparison.Ordinal))
            .Select(span => new PartSpan(
                span.GetProperty("name").GetString()!,
                long.Parse(span.GetProperty("startTimeUnixNano").GetString()!, global::System.Globalization.CultureInfo.InvariantCulture),
                long.Parse(span.GetProperty("endTimeUnixNano").GetString()!, global::System.Globalization.CultureInfo.InvariantCulture))),
    ];

    private sealed record PartSpan(string Name, long Start, long End);
}
