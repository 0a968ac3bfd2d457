using System.Reflection;

namespace Profiles.Gateway.Tests;

/// <summary>
/// The gateway's project directory (the test project records it at build time), so that a test
/// reads the gateway's own <c>appsettings.json</c> files as the gateway does when it runs.
/// </summary>
internal static class GatewayProject
{
    public static readonly string Directory = typeof(GatewayProject).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == "GatewayDirectory").Value!;
}
