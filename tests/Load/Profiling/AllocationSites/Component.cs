namespace Profiles.Load.Profiling;

/// <summary>
/// The library, or the gateway's own code, that an allocation is charged to: the first frame of
/// its stack outside the runtime's base libraries (CoreLib, LINQ, collections), since a
/// <c>List</c> growing or a state machine boxed belongs to whoever called for it. A stack that
/// captures or formats an exception's stack trace is charged to that, whoever threw.
/// </summary>
internal static class Component
{
    private static readonly string[] ExceptionFrames =
        ["Exception.SetCurrentStackTrace", "StackTrace..ctor", "EH.DispatchEx", "Exception.get_StackTrace", "Exception.ToString"];

    private static readonly string[] BaseModules = ["System.Private.CoreLib", "System.Linq", "System.Collections", "System.Runtime"];

    private static readonly (string Prefix, string Name)[] Modules =
    [
        ("System.Net.Http", "HttpClient (HTTP/2)"),
        ("Grpc.", "grpc-dotnet"),
        ("Polly.", "Polly"),
        ("Microsoft.Extensions.Resilience", "Polly"),
        ("System.Diagnostics.DiagnosticSource", "System.Diagnostics (Activity, tags, metrics)"),
        ("OpenTelemetry", "OpenTelemetry"),
        ("Microsoft.AspNetCore.", "ASP.NET Core and Kestrel"),
        ("Orleans.", "Orleans client"),
        ("Gateway", "the gateway's own code"),
        ("Google.Protobuf", "protobuf and the generated contracts"),
        ("Contracts", "protobuf and the generated contracts"),
        ("System.Private.Uri", "System.Uri"),
        ("Microsoft.Extensions.ServiceDiscovery", "service discovery"),
        ("Microsoft.Extensions.Logging", "logging"),
        ("System.Text.Json", "System.Text.Json"),
    ];

    public const string Exceptions = "exceptions: stack traces captured or formatted";

    /// <param name="frames">Module-qualified frames (<c>Module!Method</c>), the allocating one first.</param>
    public static string Of(IReadOnlyList<string> frames)
    {
        if (frames.Any(frame => ExceptionFrames.Any(marker => frame.Contains(marker, StringComparison.Ordinal))))
        {
            return Exceptions;
        }

        var caller = frames.FirstOrDefault(frame => !BaseModules.Any(module => frame.StartsWith(module + "!", StringComparison.Ordinal)));
        if (caller is null)
        {
            return "the base libraries alone";
        }

        var module = caller.Split('!')[0];
        return Modules.FirstOrDefault(entry => module.StartsWith(entry.Prefix, StringComparison.Ordinal)).Name ?? module;
    }
}
