namespace Profiles.AppHost.Hosting;

/// <summary>An endpoint a project declares; every replica gets its own port for it.</summary>
public sealed class EndpointAnnotation(string name, EndpointKind kind)
{
    public string Name { get; } = name;

    public EndpointKind Kind { get; } = kind;

    /// <summary>A fixed port, or null for a free one picked at start.</summary>
    public int? Port { get; set; }
}
