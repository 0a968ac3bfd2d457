using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Profiles.Simulation.Work;

namespace Profiles.Services.Tests;

/// <summary>
/// One backend, started in-process from its own Program.cs, with no faults of its own, called over
/// gRPC through the test server. In Development (the default) <c>x-fault</c> overrides are allowed;
/// in any other environment the backend's own configuration decides.
/// </summary>
public sealed class BackendHost<TService> : WebApplicationFactory<TService> where TService : class
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Configuration on top of the backend's own, given the way the AppHost gives it.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public string Environment { get; init; } = Environments.Development;

    public GrpcChannel CreateChannel() =>
        GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions { HttpHandler = Server.CreateHandler() });

    public BackendWorkSnapshot WorkOf(string part) =>
        Services.GetRequiredService<BackendWork>().Snapshot().GetValueOrDefault(part) ?? new BackendWorkSnapshot(0, 0, 0, 0);

    /// <summary>Waits, within a generous bound, until the backend's own accounting satisfies <paramref name="condition"/>.</summary>
    public async Task WaitForWorkAsync(string part, Func<BackendWorkSnapshot, bool> condition)
    {
        var giveUpAt = DateTime.UtcNow + Patience;
        while (!condition(WorkOf(part)))
        {
            Assert.True(DateTime.UtcNow < giveUpAt, $"The {part} work never got there: {WorkOf(part)}");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("Faults:Profile", "none");
        if (Environment == Environments.Development)
        {
            builder.UseSetting("Faults:AllowRequestOverrides", "true");
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
