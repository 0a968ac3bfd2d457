using Profiles.Gateway.Profiles;

namespace Profiles.Gateway.Telemetry;

/// <summary>Records <c>profile.requests</c> and <c>profile.duration</c> for each answered profile request.</summary>
public sealed class ProfileRequestMetrics(GatewayTelemetry telemetry)
{
    public void Record(FanOutMode mode, int statusCode, TimeSpan elapsed)
    {
        var modeTag = new KeyValuePair<string, object?>("mode", mode.ToString().ToLowerInvariant());
        telemetry.Requests.Add(1, modeTag, new("http.response.status_code", statusCode));
        telemetry.Duration.Record(elapsed.TotalMilliseconds, modeTag);
    }
}
