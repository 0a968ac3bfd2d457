using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;

namespace Profiles.System.Tests;

/// <summary>Reads a whole SSE response with the BCL's parser.</summary>
internal static class ServerSentEvents
{
    public static async Task<List<(string Type, JsonElement Data)>> ReadAllAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var events = new List<(string, JsonElement)>();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
        {
            events.Add((item.EventType, JsonDocument.Parse(item.Data).RootElement.Clone()));
        }

        return events;
    }

    /// <summary>The events of an SSE body already read whole.</summary>
    public static List<(string Type, JsonElement Data)> Parse(string body) =>
    [
        .. SseParser.Create(new MemoryStream(Encoding.UTF8.GetBytes(body))).Enumerate()
            .Select(item => (item.EventType, JsonDocument.Parse(item.Data).RootElement.Clone())),
    ];
}
