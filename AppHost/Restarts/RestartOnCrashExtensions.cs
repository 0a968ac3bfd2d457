using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting;

public static class RestartOnCrashExtensions
{
    /// <summary>
    /// Starts the resource's process again, with Aspire's own start command, when it ends with a
    /// non-zero exit code that nobody asked for (a crash, a <c>kill -9</c>), as a container engine's
    /// restart policy or systemd's <c>Restart=on-failure</c> would. A stop from the dashboard is left stopped.
    /// </summary>
    public static IResourceBuilder<T> WithRestartOnCrash<T>(this IResourceBuilder<T> builder)
        where T : IResource
    {
        var services = builder.ApplicationBuilder.Services;
        if (!services.Any(service => service.ImplementationType == typeof(CrashRestarter)))
        {
            services.AddOptions<RestartOptions>()
                .BindConfiguration(RestartOptions.Section)
                .Validate(
                    options => options.FirstDelay > TimeSpan.Zero && options.MaxDelay >= options.FirstDelay && options.StableAfter > TimeSpan.Zero,
                    $"{RestartOptions.Section}: FirstDelay and StableAfter must be positive, and MaxDelay at least FirstDelay.")
                .ValidateOnStart();
            services.TryAddSingleton(TimeProvider.System);
            services.AddSingleton<IHostedService, CrashRestarter>();
        }

        return builder.WithAnnotation(new RestartOnCrashAnnotation(), ResourceAnnotationMutationBehavior.Replace);
    }
}
