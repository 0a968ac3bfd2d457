using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Profiles.System.Tests;

/// <summary>
/// A listening TCP socket as <c>ss -ltnpH</c> lists it: its local address (<c>127.0.0.1:5080</c>,
/// <c>[::1]:5080</c>, <c>0.0.0.0:5080</c>, <c>*:5080</c>) and the processes holding it, from
/// <c>users:(("name",pid=N,fd=M),...)</c>; a socket inherited by a child is held by both.
/// </summary>
internal sealed partial record ListeningSocket(string LocalAddress, IReadOnlyList<int> ProcessIds)
{
    public static async Task<IReadOnlyList<ListeningSocket>> ListAsync(CancellationToken cancellationToken)
    {
        using var ss = Process.Start(new ProcessStartInfo("ss", "-ltnpH") { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await ss.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = await ss.StandardError.ReadToEndAsync(cancellationToken);
        await ss.WaitForExitAsync(cancellationToken);
        if (ss.ExitCode != 0)
        {
            throw new InvalidOperationException($"ss -ltnpH exited with {ss.ExitCode}: {errors}");
        }

        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Parse)];
    }

    /// <summary>Reachable only from this machine: a loopback address, never a wildcard (<c>0.0.0.0</c>, <c>[::]</c>, <c>*</c>) or an interface's.</summary>
    public bool IsLoopbackOnly
    {
        get
        {
            var host = LocalAddress[..LocalAddress.LastIndexOf(':')].Trim('[', ']');
            // A socket bound to one interface is written 127.0.0.1%lo.
            if (host.IndexOf('%', StringComparison.Ordinal) is var scope and >= 0)
            {
                host = host[..scope];
            }

            return IPAddress.TryParse(host, out var address)
                && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
        }
    }

    /// <summary>Columns: state, receive queue, send queue, local address, peer address, then the processes.</summary>
    private static ListeningSocket Parse(string line)
    {
        var columns = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        var processes = columns.Length > 5 ? columns[5] : "";
        return new ListeningSocket(columns[3], [.. ProcessId().Matches(processes).Select(match => int.Parse(match.Groups[1].Value, global::System.Globalization.CultureInfo.InvariantCulture))]);
    }

    [GeneratedRegex(@"pid=(\d+)")]
    private static partial Regex ProcessId();
}
