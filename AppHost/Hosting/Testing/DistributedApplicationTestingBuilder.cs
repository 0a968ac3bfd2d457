namespace Profiles.AppHost.Hosting.Testing;

/// <summary>
/// Starts an AppHost from a test, in the spirit of Aspire.Hosting.Testing: its own Program runs
/// in this process (see <see cref="EntryPointInterception"/>) with the test's options applied.
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    /// <summary>Runs <typeparamref name="TEntryPoint"/>'s assembly's entry point up to its <c>Build()</c>.</summary>
    public static async Task<IDistributedApplicationTestingBuilder> CreateAsync<TEntryPoint>(
        string[] args,
        Action<DistributedApplicationTestingOptions>? configure = null,
        CancellationToken cancellationToken = default)
        where TEntryPoint : class
    {
        var options = new DistributedApplicationTestingOptions();
        configure?.Invoke(options);
        var interception = new EntryPointInterception(options);
        await interception.RunEntryPointAsync(typeof(TEntryPoint).Assembly, args, cancellationToken);
        return interception;
    }

    /// <summary>Builds and starts <typeparamref name="TEntryPoint"/>'s app model; the resources come up in the background.</summary>
    public static async Task<DistributedApplication> StartAsync<TEntryPoint>(
        Action<DistributedApplicationTestingOptions>? configure = null,
        CancellationToken cancellationToken = default)
        where TEntryPoint : class
    {
        await using var builder = await CreateAsync<TEntryPoint>([], configure, cancellationToken);
        var application = await builder.BuildAsync(cancellationToken);
        try
        {
            await application.StartAsync(cancellationToken);
            return application;
        }
        catch
        {
            await application.DisposeAsync();
            throw;
        }
    }

    /// <summary>A builder for a model the test writes itself, with the same options an AppHost under test gets.</summary>
    public static DistributedApplicationBuilder Create(Action<DistributedApplicationTestingOptions>? configure = null)
    {
        var options = new DistributedApplicationTestingOptions();
        configure?.Invoke(options);
        return DistributedApplication.CreateBuilder(options.ToApplicationOptions([]));
    }
}
