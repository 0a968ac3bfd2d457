using System.Text;
using System.Text.Json;

namespace Profiles.Load.Driving;

/// <summary>
/// Reads which part decided a profile's latency (its top-level <c>criticalPart</c>) from the
/// answer's bytes, without deserializing the rest: the harness reads every answer, and under load
/// its CPU is the machine's too.
/// </summary>
public static class CriticalPart
{
    private static readonly byte[] PropertyName = Encoding.UTF8.GetBytes("criticalPart");

    public static string? Of(ReadOnlySpan<byte> answer)
    {
        var reader = new Utf8JsonReader(answer);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals(PropertyName))
                {
                    reader.Read();
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= 1)
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // Not a profile (a proxy's error page, a truncated body): it has no critical part to count.
        }

        return null;
    }
}
