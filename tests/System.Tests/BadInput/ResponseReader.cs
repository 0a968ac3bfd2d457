using System.Globalization;
using System.Text;

namespace Profiles.System.Tests.BadInput;

/// <summary>
/// Reads one HTTP/1.1 response from a socket's stream and stops there: its body is framed by
/// <c>Content-Length</c>, by chunks, or by the connection closing. Interim 1xx answers are
/// skipped. A reset counts as the connection closing: what arrived before it is the answer.
/// </summary>
internal sealed class ResponseReader(Stream stream)
{
    private const int MaxResponse = 4 * 1024 * 1024;

    private byte[] _received = new byte[16 * 1024];
    private int _length;
    private int _position;
    private bool _closed;

    public async Task<RawResponse> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await ReadLineAsync(cancellationToken) is not { } statusLine)
            {
                return RawResponse.Closed;
            }

            var parts = statusLine.Split(' ', 3);
            if (parts.Length < 2 || !parts[0].StartsWith("HTTP/", StringComparison.Ordinal)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            {
                throw new InvalidDataException($"Not an HTTP status line: '{statusLine}'.");
            }

            var headers = new List<KeyValuePair<string, string>>();
            while (await ReadLineAsync(cancellationToken) is { Length: > 0 } line)
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                headers.Add(new(line[..Math.Max(colon, 0)].Trim(), line[(colon + 1)..].Trim()));
            }

            if (status is >= 100 and < 200)
            {
                continue;
            }

            var response = new RawResponse(status, headers, []);
            return response with { Body = await ReadBodyAsync(response, cancellationToken) };
        }
    }

    private async Task<byte[]> ReadBodyAsync(RawResponse response, CancellationToken cancellationToken)
    {
        if (string.Equals(response.Header("Transfer-Encoding"), "chunked", StringComparison.OrdinalIgnoreCase))
        {
            var body = new MemoryStream();
            while (await ReadLineAsync(cancellationToken) is { } sizeLine
                && int.TryParse(sizeLine.Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size) && size > 0)
            {
                body.Write(await ReadBytesAsync(size, cancellationToken));
                await ReadLineAsync(cancellationToken);
            }

            return body.ToArray();
        }

        return response.Header("Content-Length") is { } length
            ? await ReadBytesAsync(int.Parse(length, CultureInfo.InvariantCulture), cancellationToken)
            : await ReadBytesAsync(MaxResponse, cancellationToken);
    }

    /// <summary>A line without its CR LF, or null when the connection closed first.</summary>
    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var end = Array.IndexOf(_received, (byte)'\n', _position, _length - _position);
            if (end >= 0)
            {
                var line = Encoding.Latin1.GetString(_received, _position, end - _position).TrimEnd('\r');
                _position = end + 1;
                return line;
            }

            if (!await FillAsync(cancellationToken))
            {
                return null;
            }
        }
    }

    /// <summary>Up to <paramref name="count"/> bytes: fewer when the connection closed first.</summary>
    private async Task<byte[]> ReadBytesAsync(int count, CancellationToken cancellationToken)
    {
        while (_length - _position < count && await FillAsync(cancellationToken))
        {
        }

        var taken = Math.Min(count, _length - _position);
        var bytes = _received.AsSpan(_position, taken).ToArray();
        _position += taken;
        return bytes;
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_closed || _length > MaxResponse)
        {
            return false;
        }

        if (_length == _received.Length)
        {
            Array.Resize(ref _received, _received.Length * 2);
        }

        int read;
        try
        {
            read = await stream.ReadAsync(_received.AsMemory(_length), cancellationToken);
        }
        catch (IOException)
        {
            read = 0;
        }

        _closed = read == 0;
        _length += read;
        return !_closed;
    }
}
