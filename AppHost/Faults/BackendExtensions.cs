using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

public static class BackendExtensions
{
    /// <summary>
    /// A backend of the fan-out: its fault profile (<c>Faults:Profile</c>: <c>realistic</c> by
    /// default, <c>none</c> in tests) and a readiness check, so that <c>WaitFor</c> means healthy.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithFaults(this IResourceBuilder<ProjectResource> backend, string profile) =>
        backend
            .WithEnvironment("Faults__Profile", profile)
            .WithHttpHealthCheck("/health");
}
