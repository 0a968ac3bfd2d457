using System.Globalization;
using System.Text;
using CsCheck;

namespace Profiles.System.Tests.BadInput;

/// <summary>
/// Requests are written as byte strings: every char is one byte on the wire (Latin-1), so a
/// generator can say exactly what is sent, invalid UTF-8 and control bytes included.
/// </summary>
internal static class ByteText
{
    public static readonly Encoding Wire = Encoding.Latin1;

    /// <summary>Text from every corner of Unicode: letters, right-to-left and zero-width marks, lone surrogates, non-characters.</summary>
    public static readonly Gen<string> Unicode = Gen.String[
        Gen.Frequency(
            (3, Gen.Char[' ', '~']),
            (1, Gen.Char['\u0080', '\u00FF']),
            (1, Gen.Char['\u0400', '\u04FF']),
            (1, Gen.Char['\u0660', '\u0669']),
            (1, Gen.Char['\u200B', '\u202E']),
            (1, Gen.Char['\u4E00', '\u4FFF']),
            (1, Gen.Char['\uD800', '\uDFFF']),
            (1, Gen.Char['\uFF10', '\uFF19']),
            (1, Gen.Char['\uFFF0', '\uFFFF'])),
        1,
        40];

    public static Gen<string> Digits(int minLength, int maxLength) => Gen.String[Gen.Char['0', '9'], minLength, maxLength];

    public static string Invariant(long number) => number.ToString(CultureInfo.InvariantCulture);

    /// <summary>The UTF-8 bytes of <paramref name="text"/>, as a byte string (a lone surrogate becomes U+FFFD, as any encoder would send it).</summary>
    public static string Utf8(string text) => Wire.GetString(Encoding.UTF8.GetBytes(text));

    /// <summary>The UTF-8 bytes of <paramref name="text"/>, percent-encoded where a URI may not carry them raw.</summary>
    public static string PercentEncoded(string text)
    {
        var encoded = new StringBuilder();
        foreach (var octet in Encoding.UTF8.GetBytes(text))
        {
            if (char.IsAsciiLetterOrDigit((char)octet) || octet is (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                encoded.Append((char)octet);
            }
            else
            {
                encoded.Append(CultureInfo.InvariantCulture, $"%{octet:X2}");
            }
        }

        return encoded.ToString();
    }

    /// <summary>
    /// A byte string as a reader can take it in: control and non-ASCII bytes escaped, runs of a
    /// repeated unit counted, and each line cut short, so a long request line leaves its headers in view.
    /// </summary>
    public static string Printable(string bytes, int maxLineLength = 600)
    {
        var printed = new StringBuilder();
        for (var start = 0; start < bytes.Length;)
        {
            var end = bytes.IndexOf('\n', start);
            end = end < 0 ? bytes.Length : end + 1;
            AppendLine(printed, bytes[start..end], maxLineLength);
            start = end;
        }

        return printed.ToString();
    }

    private static void AppendLine(StringBuilder printed, string line, int maxLength)
    {
        var lineStart = printed.Length;
        for (var i = 0; i < line.Length;)
        {
            if (printed.Length - lineStart >= maxLength)
            {
                printed.Append(CultureInfo.InvariantCulture, $"... ({line.Length} bytes in the line)");
                break;
            }

            var (unit, count) = Repeated(line, i);
            if (count > 16)
            {
                printed.Append(CultureInfo.InvariantCulture, $"<{string.Concat(unit.Select(Escaped))} x{count}>");
                i += unit.Length * count;
            }
            else
            {
                printed.Append(Escaped(line[i]));
                i++;
            }
        }

        if (line.EndsWith('\n'))
        {
            printed.Append('\n');
        }
    }

    /// <summary>The shortest unit of up to four bytes that repeats from <paramref name="start"/>, and how many times it does.</summary>
    private static (string Unit, int Count) Repeated(string line, int start)
    {
        for (var length = 1; length <= 4 && start + length <= line.Length; length++)
        {
            var count = 1;
            while (start + ((count + 1) * length) <= line.Length
                && string.CompareOrdinal(line, start + (count * length), line, start, length) == 0)
            {
                count++;
            }

            if (count > 16)
            {
                return (line.Substring(start, length), count);
            }
        }

        return ("", 1);
    }

    private static string Escaped(char octet) => octet switch
    {
        '\r' => "\\r",
        '\n' => "\\n",
        '\t' => "\\t",
        < ' ' or > '~' => string.Create(CultureInfo.InvariantCulture, $"\\x{(int)octet:X2}"),
        _ => octet.ToString(),
    };
}
