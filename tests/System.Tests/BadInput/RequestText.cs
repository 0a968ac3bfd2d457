using System.Text;

namespace Profiles.System.Tests.BadInput;

/// <summary>
/// A well-formed HTTP/1.1 request, written as a byte string, and the limit of Kestrel's it goes
/// over, if any: a request line too long is a 414 before its headers are read, then too many
/// or too large headers are a 431.
/// </summary>
internal static class RequestText
{
    public static HostileRequest Get(string category, string target, IEnumerable<(string Name, string Value)> headers, Expectation expected, string body = "")
    {
        var requestLine = $"GET {target} HTTP/1.1\r\n";
        List<(string Name, string Value)> all = [("Host", "localhost"), .. headers];
        var headerLines = all.Select(header => $"{header.Name}: {header.Value}\r\n").ToList();

        var text = new StringBuilder(requestLine);
        headerLines.ForEach(line => text.Append(line));
        text.Append("\r\n").Append(body);
        return new HostileRequest(category, text.ToString(), expected.And(LimitOf(requestLine.Length, headerLines.Sum(line => line.Length), all.Count)));
    }

    private static Expectation LimitOf(int requestLine, int headersTotal, int headerCount) =>
        Near(requestLine, KestrelLimits.RequestLine) ?? Over(requestLine, KestrelLimits.RequestLine, 414)
        ?? Near(headersTotal, KestrelLimits.HeadersTotal) ?? Over(headersTotal, KestrelLimits.HeadersTotal, 431)
        ?? (headerCount > KestrelLimits.HeaderCount ? new Expectation { Limit = 431 } : Expectation.Answer);

    private static Expectation? Over(int size, int limit, int status) => size > limit ? new Expectation { Limit = status } : null;

    /// <summary>Too close to call: Kestrel may answer with the limit's status or let the gateway answer.</summary>
    private static Expectation? Near(int size, int limit) =>
        Math.Abs(size - limit) <= KestrelLimits.Margin ? new Expectation { KestrelMayRefuse = true } : null;
}
