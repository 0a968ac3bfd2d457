using System.Reflection;
using Microsoft.Extensions.Hosting;

namespace Profiles.AppHost.Hosting.Testing;

/// <summary>
/// Runs an AppHost's entry point on a thread of its own and takes its application at
/// <c>Build()</c>, as HostFactoryResolver does for WebApplicationFactory: the entry point's
/// <see cref="DistributedApplication.CreateBuilder(string[])"/> applies the test's options, its
/// <c>Build()</c> waits for the test's <see cref="BuildAsync"/>, hands the application over and
/// ends the entry point with a <see cref="HostAbortedException"/> instead of running it.
/// The interception travels with the thread's ExecutionContext, so concurrent tests don't meet.
/// </summary>
internal sealed class EntryPointInterception(DistributedApplicationTestingOptions testingOptions) : IDistributedApplicationTestingBuilder
{
    private static readonly AsyncLocal<EntryPointInterception?> CurrentInterception = new();

    private readonly TaskCompletionSource<DistributedApplicationBuilder> builderReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource buildRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<DistributedApplication> applicationBuilt = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static EntryPointInterception? Current => CurrentInterception.Value;

    public DistributedApplicationBuilder Builder =>
        builderReady.Task.IsCompletedSuccessfully ? builderReady.Task.Result : throw new InvalidOperationException("The entry point has not built its builder yet.");

    /// <summary>Runs the entry point until it calls <c>Build()</c>.</summary>
    public async Task RunEntryPointAsync(Assembly appHostAssembly, string[] args, CancellationToken cancellationToken)
    {
        var entryPoint = appHostAssembly.EntryPoint
            ?? throw new InvalidOperationException($"{appHostAssembly.GetName().Name} has no entry point.");

        CurrentInterception.Value = this;
        var thread = new Thread(() => RunEntryPoint(entryPoint, args))
        {
            IsBackground = true,
            Name = $"{appHostAssembly.GetName().Name} entry point",
        };
        thread.Start();
        CurrentInterception.Value = null;

        await Task.WhenAny(builderReady.Task, applicationBuilt.Task).WaitAsync(cancellationToken);
        if (!builderReady.Task.IsCompleted)
        {
            await applicationBuilt.Task;
        }
    }

    public DistributedApplicationOptions ApplyTo(DistributedApplicationOptions options) =>
        testingOptions.ToApplicationOptions(options.Args);

    /// <summary>Called by the entry point's <c>Build()</c>, on the entry point's thread.</summary>
    public DistributedApplication Intercept(DistributedApplicationBuilder builder, Func<DistributedApplication> build)
    {
        builderReady.TrySetResult(builder);
        buildRequested.Task.GetAwaiter().GetResult();
        applicationBuilt.TrySetResult(build());
        throw new HostAbortedException("The test took the application; the entry point ends here.");
    }

    public async Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default)
    {
        buildRequested.TrySetResult();
        return await applicationBuilt.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Releases an entry point still waiting in <c>Build()</c>; the application, if built, is the test's to dispose.</summary>
    public ValueTask DisposeAsync()
    {
        buildRequested.TrySetException(new HostAbortedException("The test disposed the builder without building."));
        return ValueTask.CompletedTask;
    }

    private void RunEntryPoint(MethodInfo entryPoint, string[] args)
    {
        try
        {
            entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? null : [args]);
            applicationBuilt.TrySetException(new InvalidOperationException("The entry point returned without calling Build()."));
        }
        catch (TargetInvocationException exception) when (exception.InnerException is HostAbortedException)
        {
            applicationBuilt.TrySetException(new InvalidOperationException("The entry point was aborted before it built the application."));
        }
        catch (TargetInvocationException exception)
        {
            applicationBuilt.TrySetException(exception.InnerException ?? exception);
        }
    }
}
