using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting;

public static class RedisServerExtensions
{
    public const string InstallHint = "redis-server is not installed; install it with: sudo apt-get install -y redis-server";

    /// <summary>
    /// Adds Debian's <c>redis-server</c> as an executable resource on a loopback port of its own,
    /// healthy once it answers PING. Every write goes to an append-only file in a directory of this
    /// run's own, so that a restart of Redis (the dashboard's button, or a crash and a start) reads
    /// back the views and the membership table it held: kept in memory only, a restart would come
    /// back empty and every view count with it. Each run of the AppHost starts from an empty
    /// directory and removes it when it stops.
    /// </summary>
    public static IResourceBuilder<RedisResource> AddRedisServer(this IDistributedApplicationBuilder builder, string name, string executablePath)
    {
        var data = Directory.CreateTempSubdirectory($"profiles-{name}-");
        builder.Eventing.Subscribe<AfterResourcesCreatedEvent>((created, _) =>
        {
            created.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped.Register(() => data.Delete(recursive: true));
            return Task.CompletedTask;
        });
        var redis = new RedisResource(name, executablePath, data.FullName);

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
                context.Args.Add("--dir");
                context.Args.Add(data.FullName);
                context.Args.Add("--save");
                context.Args.Add("");
                // A view is answered once Redis has it; fsync once a second is Redis' default trade:
                // a stop (SIGTERM) writes the file out, a crash of Redis itself may lose the last second.
                context.Args.Add("--appendonly");
                context.Args.Add("yes");
                context.Args.Add("--appendfsync");
                context.Args.Add("everysec");
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
