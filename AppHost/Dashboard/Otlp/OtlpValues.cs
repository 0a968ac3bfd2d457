using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Opentelemetry.Proto.Common.V1;
using Profiles.AppHost.Dashboard.Telemetry;
using OtlpResource = Opentelemetry.Proto.Resource.V1.Resource;

namespace Profiles.AppHost.Dashboard.Otlp;

/// <summary>OTLP's common shapes (ids, times, attribute values, the resource) in the store's terms.</summary>
internal static class OtlpValues
{
    private const string UnknownService = "unknown_service";

    public static TelemetryResource Resource(OtlpResource? resource, DateTimeOffset received)
    {
        var attributes = Attributes(resource?.Attributes);
        var key = new ResourceKey(
            attributes.GetValueOrDefault("service.name", UnknownService),
            attributes.GetValueOrDefault("service.instance.id", ""));
        return new TelemetryResource(key, attributes, received);
    }

    public static Dictionary<string, string> Attributes(RepeatedField<KeyValue>? attributes)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in attributes ?? [])
        {
            // Keys must be unique; should a sender repeat one, the last wins.
            result[attribute.Key] = Text(attribute.Value);
        }

        return result;
    }

    public static string Text(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.BytesValue => value.BytesValue.ToBase64(),
        AnyValue.ValueOneofCase.ArrayValue => $"[{string.Join(", ", value.ArrayValue.Values.Select(Text))}]",
        AnyValue.ValueOneofCase.KvlistValue => $"{{{string.Join(", ", value.KvlistValue.Values.Select(pair => $"{pair.Key}: {Text(pair.Value)}"))}}}",
        _ => "",
    };

    /// <summary>An id as lowercase hex, or null when it is absent, all zeroes or not <paramref name="length"/> bytes long.</summary>
    public static string? Id(ByteString id, int length) =>
        id.Length == length && id.Span.ContainsAnyExcept((byte)0) ? Convert.ToHexStringLower(id.Span) : null;

    public static DateTimeOffset Time(ulong unixNanoseconds) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)Math.Min(unixNanoseconds / 100, (ulong)(DateTimeOffset.MaxValue - DateTimeOffset.UnixEpoch).Ticks));
}
