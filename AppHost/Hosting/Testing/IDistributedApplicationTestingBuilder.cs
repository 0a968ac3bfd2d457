using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Profiles.AppHost.Hosting.Testing;

/// <summary>An AppHost's builder, paused at its <c>Build()</c> so that a test can adjust the model first.</summary>
public interface IDistributedApplicationTestingBuilder : IAsyncDisposable
{
    DistributedApplicationBuilder Builder { get; }

    ConfigurationManager Configuration => Builder.Configuration;

    IHostEnvironment Environment => Builder.Environment;

    IReadOnlyList<IResource> Resources => Builder.Resources;

    /// <summary>Lets the AppHost's <c>Build()</c> go on and returns the application it built, not started.</summary>
    Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default);
}
