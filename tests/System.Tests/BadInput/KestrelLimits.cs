namespace Profiles.System.Tests.BadInput;

/// <summary>
/// Kestrel's request limits as the gateway runs with them. The gateway sets none of them
/// (<c>gateway/Hosting/FrontDoorExtensions.cs</c> sets only the socket backlog, and neither
/// appsettings file has a <c>Kestrel:Limits</c> section), so these are Kestrel's defaults. The
/// fourth, <c>RequestHeadersTimeout</c> (30 s), is the slow-header tests' (<c>SlowHeaderTests</c>).
/// </summary>
internal static class KestrelLimits
{
    /// <summary><c>MaxRequestLineSize</c>: method, target and version; a longer line is a 414.</summary>
    public const int RequestLine = 8 * 1024;

    /// <summary><c>MaxRequestHeadersTotalSize</c>: every header line together; more is a 431.</summary>
    public const int HeadersTotal = 32 * 1024;

    /// <summary><c>MaxRequestHeaderCount</c>; more headers are a 431.</summary>
    public const int HeaderCount = 100;

    /// <summary>How far a generated size may come to a limit and still be said to fall on one side of it: Kestrel counts line ends and separators its own way.</summary>
    public const int Margin = 256;
}
