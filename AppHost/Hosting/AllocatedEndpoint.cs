namespace Profiles.AppHost.Hosting;

/// <summary>An endpoint of one replica, with the port it was given.</summary>
public sealed record AllocatedEndpoint(string Name, EndpointKind Kind, int Port)
{
    public const string Host = "127.0.0.1";

    public Uri Url => new($"{(Kind == EndpointKind.Tcp ? "tcp" : "http")}://{Host}:{Port}");

    /// <summary>Kestrel and service discovery speak in URLs; Orleans wants host:port.</summary>
    public string HostAndPort => $"{Host}:{Port}";

    public override string ToString() => Url.ToString();
}
