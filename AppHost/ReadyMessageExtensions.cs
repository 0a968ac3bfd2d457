using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting;

public static class ReadyMessageExtensions
{
    /// <summary>
    /// Prints the project's address once it is healthy. The gateway waits for every other
    /// resource, so this line says the whole system is up and where to start.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithReadyMessage(this IResourceBuilder<ProjectResource> project, string title)
    {
        project.ApplicationBuilder.Eventing.Subscribe<ResourceReadyEvent>(project.Resource, (ready, _) =>
        {
            var logger = ready.Services.GetRequiredService<ILoggerFactory>().CreateLogger(title);
            var url = project.Resource.GetEndpoint("http").Url;
#pragma warning disable CA1848, CA1873 // Once per run: the delegate LoggerMessage would give buys nothing.
            logger.LogInformation("{Title}: {Url}", title, url);
#pragma warning restore CA1848, CA1873
            return Task.CompletedTask;
        });
        return project;
    }
}
