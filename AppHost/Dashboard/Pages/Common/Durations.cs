using System.Globalization;

namespace Profiles.AppHost.Dashboard.Pages.Common;

/// <summary>Durations and times the way people read them in a trace: 850μs, 12.4ms, 1.27s.</summary>
public static class Durations
{
    public static string Format(TimeSpan duration) => duration.TotalMilliseconds switch
    {
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMicroseconds:0}μs"),
        < 100 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.##}ms"),
        < 1000 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0}ms"),
        < 60_000 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.##}s"),
        _ => duration.ToString(@"m\:ss", CultureInfo.InvariantCulture),
    };

    /// <summary>Local wall-clock time with milliseconds: telemetry from several processes lines up by it.</summary>
    public static string Time(DateTimeOffset time) =>
        time.ToLocalTime().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
}
