using System.Net;
using Profiles.Fixtures;

namespace Profiles.AppHost.Tests;

/// <summary>
/// However the AppHost ends, it takes the whole system with it: DCP, the dashboard, Redis, the
/// silos, the backends and the gateway. Each test runs its own AppHost, since ending it is the point.
/// </summary>
public sealed class ShutdownTests
{
    private const int SigInt = 2;
    private const int SigKill = 9;
    private const int SigTerm = 15;

    /// <summary>The bound the issue sets; cleaning up takes DCP a few seconds.</summary>
    private static readonly TimeSpan Allowance = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(SigInt)]
    [InlineData(SigTerm)]
    [InlineData(SigKill)]
    public async Task No_process_of_the_system_outlives_the_AppHost(int signal)
    {
        using var machine = await WholeSystemLock.AcquireAsync();
        using var appHost = new AppHostProcess();
        var gateway = await appHost.Ready.WaitAsync(TimeSpan.FromMinutes(4), TestContext.Current.CancellationToken);
        var processes = appHost.SystemProcesses();
        // The AppHost, DCP's two, and per resource at least its own: redis, dashboard, 2 silos, 5 backends, gateway.
        Assert.True(processes.Count >= 13, $"only {processes.Count} processes found: {Describe(processes)}");
        // As when a user stops a system in use: requests are in flight, and their telemetry is being
        // exported to a dashboard that is going too.
        using var client = new HttpClient { BaseAddress = gateway };
        var traffic = Enumerable.Range(1, 100)
            .Select(member => client.GetAsync($"/api/profiles/{member}?viewer=7", TestContext.Current.CancellationToken))
            .ToList();
        await FirstServedAsync(traffic);

        appHost.Signal(signal);

        var survivors = await LinuxProcess.SurvivorsAfterAsync(processes, Allowance, TestContext.Current.CancellationToken);
        Assert.True(survivors.Count == 0, $"alive {Allowance.TotalSeconds} s after signal {signal}: {Describe(survivors)}");
        await Task.WhenAll(traffic.Select(EndAsync));
    }

    /// <summary>
    /// Waits for the first request answered with a profile. A gateway just started may answer part
    /// of a burst of 100 otherwise first, as designed (CI saw both): it refuses what it cannot start
    /// in time, a 503 with <c>Retry-After</c>, and a cold system may take longer than a request's
    /// budget, a 504. One request at least must be served.
    /// </summary>
    private static async Task FirstServedAsync(List<Task<HttpResponseMessage>> traffic)
    {
        var pending = traffic.ToList();
        while (pending.Count > 0)
        {
            var answered = await Task.WhenAny(pending);
            pending.Remove(answered);
            var response = await answered;
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            Assert.True(
                response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout,
                $"answered {(int)response.StatusCode} before any profile was served");
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }

        Assert.Fail("None of the 100 requests was served before the signal.");
    }

    /// <summary>A request the stopping system cut off ends in an error; either way its response is let go.</summary>
    private static async Task EndAsync(Task<HttpResponseMessage> request)
    {
        try
        {
            (await request).Dispose();
        }
        catch (HttpRequestException)
        {
        }
    }

    private static string Describe(IEnumerable<LinuxProcess> processes) =>
        string.Join("; ", processes.Select(process => $"{process.Id} {process.CommandLine}"));
}
