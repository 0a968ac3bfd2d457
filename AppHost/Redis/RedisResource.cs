namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A <c>redis-server</c> run as a plain process, for machines without a container engine.
/// Aspire.Hosting.Orleans names a provider after its resource's type less "Resource", so this
/// type's name is what makes <c>WithClustering(redis)</c> select Orleans' "Redis" providers.
/// </summary>
public sealed class RedisResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";

    private EndpointReference? _endpoint;

    public EndpointReference Endpoint => _endpoint ??= new(this, EndpointName);

    /// <summary>StackExchange.Redis' form, <c>host:port</c>, which Aspire.StackExchange.Redis and the Orleans providers read.</summary>
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Endpoint.Property(EndpointProperty.HostAndPort)}");
}
