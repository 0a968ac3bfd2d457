namespace Profiles.AppHost.Hosting;

/// <summary>The environment of one replica, being prepared just before its process starts.</summary>
public sealed class EnvironmentCallbackContext(ProjectResource resource, int replica, IDictionary<string, string> environment)
{
    public ProjectResource Resource { get; } = resource;

    public int Replica { get; } = replica;

    public IDictionary<string, string> Environment { get; } = environment;
}
