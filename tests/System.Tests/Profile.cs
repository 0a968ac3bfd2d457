using System.Net;
using System.Text.Json;

namespace Profiles.System.Tests;

/// <summary>A profile response as a client sees it: status and JSON, read loosely so the tests check the wire, not our types.</summary>
public sealed record Profile(HttpStatusCode Status, JsonElement Body)
{
    public static async Task<Profile> GetAsync(HttpClient gateway, string pathAndQuery, string? faults, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (faults is not null)
        {
            request.Headers.Add("x-fault", faults);
        }

        using var response = await gateway.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return new Profile(response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }

    public double ElapsedMs => Body.GetProperty("elapsedMs").GetDouble();

    public JsonElement Part(string name) =>
        PartsArray.EnumerateArray().Single(part => part.GetProperty("name").GetString() == name);

    public string StatusOf(string part) => Part(part).GetProperty("status").GetString()!;

    public IEnumerable<string> PartNames => PartsArray.EnumerateArray().Select(part => part.GetProperty("name").GetString()!);

    private JsonElement PartsArray => Body.GetProperty("parts");
}
