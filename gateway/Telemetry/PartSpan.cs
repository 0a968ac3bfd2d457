using System.Diagnostics;
using Profiles.Gateway.Profiles;

namespace Profiles.Gateway.Telemetry;

/// <summary>
/// The trace and metrics of one part's run, kept outside the request scope so that the scope knows
/// nothing of telemetry. Started before the part, its span is current while the part runs, so the
/// backend call's own span is its child; <c>profile.inflight</c> counts the part until disposed.
/// </summary>
public sealed class PartSpan : IDisposable
{
    private readonly GatewayTelemetry _telemetry;
    private readonly KeyValuePair<string, object?> _part;
    private readonly Activity? _activity;

    internal PartSpan(GatewayTelemetry telemetry, string name, bool required)
    {
        _telemetry = telemetry;
        _part = new("part", name);
        _activity = GatewayTelemetry.ActivitySource.StartActivity($"profile.part {name}");
        _activity?.SetTag("profile.part", name);
        _activity?.SetTag("profile.part.required", required);
        telemetry.InFlight.Add(1, _part);
    }

    /// <summary>
    /// Records how the part ended. A part cut short (cancelled, skipped) is not an error: only a
    /// failure or a timeout sets the span's status to Error, and the status attribute tells all five apart.
    /// The error's type is always recorded (<c>error.type</c>); its stack trace only when
    /// <paramref name="stackTrace"/> says it tells something: formatting one, file and line from the
    /// symbols, costs about as much CPU as a backend call (docs/benchmarks.md, "A failed part's
    /// span"), and a part fails most when a backend is down or the gateway is overloaded, when CPU
    /// is shortest.
    /// </summary>
    public void End(PartReport report, Exception? error, bool stackTrace)
    {
        _telemetry.Parts.Add(1, _part, new("status", report.Status));
        if (_activity is null)
        {
            return;
        }

        _activity.SetTag("profile.part.status", report.Status);
        _activity.SetTag("profile.part.attempts", report.Attempts);
        _activity.SetTag("profile.part.hedged", report.Hedged);
        if (report.Status == "ok")
        {
            _activity.SetStatus(ActivityStatusCode.Ok);
        }
        else if (report.Status is "failed" or "timeout")
        {
            _activity.SetStatus(ActivityStatusCode.Error, error?.Message);
            if (error is not null)
            {
                _activity.SetTag("error.type", error.GetType().FullName);
                if (stackTrace)
                {
                    _activity.AddException(error);
                }
            }
        }
    }

    public void Dispose()
    {
        _telemetry.InFlight.Add(-1, _part);
        _activity?.Dispose();
    }
}
