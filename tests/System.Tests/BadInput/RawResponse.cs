using System.Text;
using System.Text.Json;

namespace Profiles.System.Tests.BadInput;

/// <summary>One HTTP/1.1 response as it came off the socket; <see cref="Status"/> is null when the server closed the connection without one.</summary>
internal sealed record RawResponse(int? Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public static readonly RawResponse Closed = new(null, [], []);

    public string? Header(string name) =>
        Headers.FirstOrDefault(header => header.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    public string ContentType => Header("Content-Type") ?? "";

    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>Kestrel's own refusal of a request it could not take: no body, and the connection closed after it.</summary>
    public bool IsKestrelRefusal =>
        Status is >= 400 and < 500 && Body.Length == 0 && string.Equals(Header("Connection"), "close", StringComparison.OrdinalIgnoreCase);

    public JsonElement? Json()
    {
        try
        {
            return JsonDocument.Parse(Body).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public override string ToString() =>
        Status is null
            ? "no answer: the connection closed"
            : $"{Status} {ContentType} {ByteText.Printable(ByteText.Wire.GetString(Body), 1_000)}";
}
