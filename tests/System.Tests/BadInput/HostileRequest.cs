namespace Profiles.System.Tests.BadInput;

/// <summary>One generated request: its bytes exactly as sent, what may answer it, and its category for the tally.</summary>
internal sealed record HostileRequest(string Category, string Bytes, Expectation Expected)
{
    public override string ToString() => $"[{Category}] {Expected}\n{ByteText.Printable(Bytes)}";
}
