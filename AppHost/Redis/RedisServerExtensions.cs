using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Aspire.Hosting;

public static class RedisServerExtensions
{
    public const string InstallHint = "redis-server is not installed; install it with: sudo apt-get install -y redis-server";

    /// <summary>
    /// Adds Debian's <c>redis-server</c> as an executable resource on a loopback port of its own,
    /// kept in memory only (no snapshot or append-only file), and healthy once it answers PING.
    /// </summary>
    public static IResourceBuilder<RedisResource> AddRedisServer(this IDistributedApplicationBuilder builder, string name, string executablePath)
    {
        var redis = new RedisResource(name, executablePath, builder.AppHostDirectory);

        // The connection string is known only once DCP has allocated the port; the check asks for it then.
        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(redis, async (_, cancellationToken) =>
            connectionString = await redis.ConnectionStringExpression.GetValueAsync(cancellationToken).ConfigureAwait(false));
        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().AddRedis(
            _ => connectionString ?? throw new InvalidOperationException($"'{name}' has no connection string yet."),
            name: healthCheckKey);

        return builder.AddResource(redis)
            .WithEndpoint(name: RedisResource.EndpointName, scheme: "tcp", isExternal: false)
            .WithArgs(context =>
            {
                context.Args.Add("--port");
                context.Args.Add(redis.Endpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--bind");
                context.Args.Add("127.0.0.1");
                context.Args.Add("--save");
                context.Args.Add("");
                context.Args.Add("--appendonly");
                context.Args.Add("no");
            })
            .WithHealthCheck(healthCheckKey);
    }

    /// <summary>Where <c>redis-server</c> is on the PATH, or null when it is not installed.</summary>
    public static string? FindRedisServer() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "redis-server"))
            .FirstOrDefault(File.Exists);
}
