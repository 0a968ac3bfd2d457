using System.Net;
using System.Net.Sockets;

namespace Profiles.System.Tests.BadInput;

/// <summary>
/// Sends a request's exact bytes over a new loopback connection and reads one response: no HTTP
/// client in between to tidy up what the generator meant to send.
/// </summary>
internal static class RawHttp
{
    public static async Task<RawResponse> SendAsync(IPEndPoint gateway, string request, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(gateway, cancellationToken);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(ByteText.Wire.GetBytes(request), cancellationToken);
        }
        catch (IOException)
        {
            // Kestrel stops reading a request once it is over a limit and closes the connection
            // after its answer; that answer, if it came, is still there to read.
        }

        return await new ResponseReader(stream).ReadAsync(cancellationToken);
    }
}
