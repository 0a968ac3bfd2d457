using Profiles.AppHost.Dashboard.Telemetry;

namespace Profiles.AppHost.Dashboard.Pages.Traces;

/// <summary>
/// "Find in trace", which Aspire's waterfall lacks: a span matches when the text appears in its
/// name, its resource, its status message, or any attribute or event (key or value).
/// </summary>
public static class SpanSearch
{
    public static bool Matches(TelemetrySpan span, string text) =>
        Contains(span.Name, text)
        || Contains(span.Resource.ToString(), text)
        || Contains(span.StatusMessage, text)
        || span.Attributes.Any(attribute => Contains(attribute.Key, text) || Contains(attribute.Value, text))
        || span.Events.Any(spanEvent => Contains(spanEvent.Name, text)
            || spanEvent.Attributes.Any(attribute => Contains(attribute.Key, text) || Contains(attribute.Value, text)));

    private static bool Contains(string? value, string text) =>
        value?.Contains(text, StringComparison.OrdinalIgnoreCase) == true;
}
