namespace Profiles.AppHost.Hosting;

public enum EndpointKind
{
    /// <summary>A Kestrel endpoint speaking HTTP/1.1.</summary>
    Http,

    /// <summary>A Kestrel endpoint speaking HTTP/2 only, as gRPC over cleartext needs.</summary>
    Grpc,

    /// <summary>A port the process listens on by itself, such as an Orleans silo's.</summary>
    Tcp,
}
