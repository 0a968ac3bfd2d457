using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Profiles.System.Tests.BadInput;

/// <summary>
/// Clients of <c>/stream</c> that misbehave over a raw loopback connection. Each returns the
/// status line it read, or null if it read nothing; none waits for the stream to end but the
/// slow reader, which returns the whole response.
/// </summary>
internal static class StreamClients
{
    /// <summary>Asks, then reads nothing: the stream goes into socket buffers that nobody drains, and the client hangs up later.</summary>
    public static async Task<string?> ReadsNothingAsync(IPEndPoint gateway, string request, TimeSpan holdFor, bool reset, CancellationToken cancellationToken)
    {
        using var client = await SendAsync(gateway, request, cancellationToken);
        await Task.Delay(holdFor, cancellationToken);
        Close(client, reset);
        return null;
    }

    /// <summary>Reads the status line and headers, then hangs up before any event.</summary>
    public static async Task<string?> LeavesAfterHeadersAsync(IPEndPoint gateway, string request, CancellationToken cancellationToken)
    {
        using var client = await SendAsync(gateway, request, cancellationToken);
        var received = await ReadUntilAsync(client.GetStream(), "\r\n\r\n", cancellationToken);
        Close(client, reset: false);
        return StatusLineOf(received);
    }

    /// <summary>Reads into the first event, stops partway through it, and resets the connection while the stream goes on.</summary>
    public static async Task<string?> LeavesMidEventAsync(IPEndPoint gateway, string request, CancellationToken cancellationToken)
    {
        using var client = await SendAsync(gateway, request, cancellationToken);
        var received = await ReadUntilAsync(client.GetStream(), "event: part", cancellationToken);
        Close(client, reset: true);
        return StatusLineOf(received);
    }

    /// <summary>Reads the whole response, a little at a time, more slowly than the gateway writes it.</summary>
    public static async Task<RawResponse> ReadsSlowlyAsync(IPEndPoint gateway, string request, CancellationToken cancellationToken)
    {
        using var client = await SendAsync(gateway, request, cancellationToken);
        return await new ResponseReader(new TrickleStream(client.GetStream())).ReadAsync(cancellationToken);
    }

    private static async Task<TcpClient> SendAsync(IPEndPoint gateway, string request, CancellationToken cancellationToken)
    {
        var client = new TcpClient();
        await client.ConnectAsync(gateway, cancellationToken);
        await client.GetStream().WriteAsync(ByteText.Wire.GetBytes(request), cancellationToken);
        return client;
    }

    private static async Task<string> ReadUntilAsync(NetworkStream stream, string marker, CancellationToken cancellationToken)
    {
        var received = new StringBuilder();
        var buffer = new byte[256];
        while (!received.ToString().Contains(marker, StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                break;
            }

            received.Append(ByteText.Wire.GetString(buffer, 0, read));
        }

        return received.ToString();
    }

    /// <summary>An abortive close (a reset) or an orderly one.</summary>
    private static void Close(TcpClient client, bool reset)
    {
        if (reset)
        {
            client.Client.LingerState = new LingerOption(true, 0);
        }

        client.Close();
    }

    private static string? StatusLineOf(string received) => received.Length == 0 ? null : received.Split("\r\n")[0];

    /// <summary>Hands the reader at most 64 bytes at a time, every 50 ms.</summary>
    private sealed class TrickleStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            return await inner.ReadAsync(buffer[..Math.Min(buffer.Length, 64)], cancellationToken);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush() => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
