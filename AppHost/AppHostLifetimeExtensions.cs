using System.Globalization;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

public static class AppHostLifetimeExtensions
{
    /// <summary>The variable that names the AppHost's process to every project (read by ServiceDefaults' ParentProcessWatchdog).</summary>
    public const string ProcessIdVariable = "APPHOST_PID";

    /// <summary>
    /// Tells every project which process the AppHost is, so that a service stops the moment the
    /// AppHost is gone. DCP removes the resources of an AppHost killed or stopped by SIGTERM on its
    /// own, but it ends each project's <c>dotnet run</c> only after a grace period, and <c>dotnet
    /// run</c> does not pass the signal on: without this a service outlives the AppHost by 15 s
    /// (measured; <c>tests/AppHost.Tests/ShutdownTests</c> allows 10).
    /// </summary>
    public static IDistributedApplicationBuilder WithProjectsEndingWithTheAppHost(this IDistributedApplicationBuilder builder)
    {
        var processId = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        builder.Eventing.Subscribe<BeforeStartEvent>((start, _) =>
        {
            foreach (var project in start.Model.Resources.OfType<ProjectResource>())
            {
                project.Annotations.Add(new EnvironmentCallbackAnnotation(variables => variables[ProcessIdVariable] = processId));
            }

            return Task.CompletedTask;
        });
        return builder;
    }
}
