namespace Profiles.AppHost.Dashboard.Telemetry;

/// <summary>Something that happened at one moment of a span; an exception is an event named <c>exception</c>.</summary>
/// <param name="Name">The event's name.</param>
/// <param name="Time">When it happened.</param>
/// <param name="Attributes">Its attributes (for an exception: <c>exception.type</c>, <c>exception.message</c>, <c>exception.stacktrace</c>).</param>
public sealed record SpanEvent(string Name, DateTimeOffset Time, IReadOnlyDictionary<string, string> Attributes);
