using System.Net.Http.Json;
using System.Text.Json;

namespace Profiles.E2E;

/// <summary>A real profile request against the gateway, whose trace the dashboard tests then look for.</summary>
public static class DashboardProfileRequest
{
    /// <summary>Asks the gateway for a profile, with a budget a loaded machine meets, and returns the request's trace id, read from the JSON answer.</summary>
    public static async Task<string> SendAsync(Uri gatewayUrl, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = gatewayUrl };
        using var profile = await client.GetFromJsonAsync<JsonDocument>("/api/profiles/42?viewer=7&budget=5000", cancellationToken)
            ?? throw new InvalidOperationException("The gateway answered without a body.");
        return profile.RootElement.GetProperty("traceId").GetString()
            ?? throw new InvalidOperationException("The profile has no traceId.");
    }
}
