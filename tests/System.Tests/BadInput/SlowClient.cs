using System.Net;
using System.Net.Sockets;

namespace Profiles.System.Tests.BadInput;

/// <summary>
/// A slowloris client: it sends the start of a request, then one more piece every interval,
/// never finishing, until the server answers. It reads meanwhile, so it sees the answer and
/// whether the server closed the connection after it.
/// </summary>
internal static class SlowClient
{
    public static async Task<(RawResponse Answer, bool ClosedAfter)> TrickleAsync(
        IPEndPoint gateway, string start, Func<int, string> piece, TimeSpan interval, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(gateway, cancellationToken);
        var stream = client.GetStream();
        var reading = new ResponseReader(stream).ReadAsync(cancellationToken);
        await stream.WriteAsync(ByteText.Wire.GetBytes(start), cancellationToken);
        for (var i = 0; !reading.IsCompleted; i++)
        {
            await Task.WhenAny(reading, Task.Delay(interval, cancellationToken));
            try
            {
                await stream.WriteAsync(ByteText.Wire.GetBytes(piece(i)), cancellationToken);
            }
            catch (IOException)
            {
                // The server closed the connection; its answer, if any, is being read.
                break;
            }
        }

        var answer = await reading;
        return (answer, await IsClosedAsync(stream, cancellationToken));
    }

    /// <summary>Whether the connection ends after what was read: an end of stream or a reset, not more bytes.</summary>
    private static async Task<bool> IsClosedAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        try
        {
            return await stream.ReadAsync(new byte[1], cancellationToken) == 0;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
