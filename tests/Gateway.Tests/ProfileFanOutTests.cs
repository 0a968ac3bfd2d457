using System.Diagnostics.Metrics;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;
using Profiles.Gateway.Parts;
using Profiles.Gateway.Profiles;
using Profiles.Gateway.Telemetry;

namespace Profiles.Gateway.Tests;

/// <summary>How the outcome of the parts becomes an HTTP answer: the required part decides the status.</summary>
public sealed class ProfileFanOutTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly DeadlineOverruns _overruns;
    private readonly DeadlineReserve _reserve;

    public ProfileFanOutTests()
    {
        _overruns = new DeadlineOverruns(Options.Create(new FanOutOptions()), _services.GetRequiredService<IMeterFactory>());
        _reserve = new DeadlineReserve(Options.Create(new FanOutOptions()), _services.GetRequiredService<IMeterFactory>(), TimeProvider.System);
    }

    public void Dispose() => _services.Dispose();

    private GatewayTelemetry Telemetry() => new(_services.GetRequiredService<IMeterFactory>());

    private static ProfileQuery Query(FanOutMode mode = FanOutMode.Concurrent) =>
        new(42, 7, mode, TimeSpan.FromMilliseconds(500), 5, Hedging: true, FaultHeader: null);

    private Func<CancellationToken, Task<string>> Answer(int milliseconds) => async token =>
    {
        await Task.Delay(TimeSpan.FromMilliseconds(milliseconds), _time, token);
        return "ok";
    };

    private static Func<CancellationToken, Task<string>> Throw(StatusCode status) =>
        _ => Task.FromException<string>(new RpcException(new Status(status, status.ToString())));

    private ProfileFanOut FanOut(params IProfilePart[] parts) => new(parts, Options.Create(new FanOutOptions()), _time, Telemetry(), _overruns, _reserve);

    /// <summary>A part that does not stop at its deadline stands for a fan-out that waited for a CPU past it.</summary>
    private Func<CancellationToken, Task<string>> IgnoresItsDeadline(int milliseconds) => async _ =>
    {
        await Task.Delay(TimeSpan.FromMilliseconds(milliseconds), _time, CancellationToken.None);
        return "late";
    };

    private async Task<ProfileOutcome> RunAsync(ProfileFanOut fanOut, ProfileQuery query, TimeSpan advanceBy)
    {
        var fetch = fanOut.FetchAsync(query, null, TestContext.Current.CancellationToken);
        _time.Advance(advanceBy);
        // On the test's clock the fan-out ends within the Advance; the real one only keeps a test that is wrong from hanging.
        return await fetch.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    /// <summary>Enough fan-outs for the reserve to count (its minimum of twenty), each ending that late because a part ignored the 500 ms deadline.</summary>
    private async Task EndLateAsync(int endedAtMs)
    {
        for (var i = 0; i < 20; i++)
        {
            await RunAsync(FanOut(new FakePart(_time, "members", true, Answer(10)), new FakePart(_time, "skills", false, IgnoresItsDeadline(endedAtMs))),
                Query(), TimeSpan.FromMilliseconds(endedAtMs));
        }
    }

    private Func<CancellationToken, Task<string>> ThrowAfter(int milliseconds, StatusCode status) => async token =>
    {
        await Task.Delay(TimeSpan.FromMilliseconds(milliseconds), _time, token);
        throw new RpcException(new Status(status, status.ToString()));
    };

    private static int StatusOf(IResult result) => ((IStatusCodeHttpResult)result).StatusCode ?? StatusCodes.Status200OK;

    [Fact]
    public async Task A_fan_out_that_answers_after_its_budget_and_tolerance_is_an_overrun_and_one_within_them_is_not()
    {
        await RunAsync(FanOut(new FakePart(_time, "members", true, Answer(10)), new FakePart(_time, "skills", false, IgnoresItsDeadline(520))),
            Query(), TimeSpan.FromMilliseconds(520));
        Assert.Equal((1, 0), _overruns.Take());

        await RunAsync(FanOut(new FakePart(_time, "members", true, Answer(10)), new FakePart(_time, "skills", false, IgnoresItsDeadline(521))),
            Query(), TimeSpan.FromMilliseconds(521));
        Assert.Equal((1, 1), _overruns.Take());
    }

    [Fact]
    public async Task After_fan_outs_that_ended_late_past_their_deadline_the_parts_stop_that_much_sooner_and_the_answer_leaves_within_the_budget()
    {
        var before = await RunAsync(FanOut(new FakePart(_time, "members", true, Answer(10)), new FakePart(_time, "skills", false, Answer(480))),
            Query(), TimeSpan.FromMilliseconds(480));
        Assert.Equal("ok", before.Response.Parts[1].Status);

        await EndLateAsync(endedAtMs: 530);

        var after = await RunAsync(FanOut(new FakePart(_time, "members", true, Answer(10)), new FakePart(_time, "skills", false, Answer(480))),
            Query(), TimeSpan.FromMilliseconds(470));

        Assert.Equal("timeout", after.Response.Parts[1].Status);
        Assert.Equal(470, after.Response.ElapsedMs);
        Assert.Equal(500, after.Response.BudgetMs);
    }

    [Fact]
    public async Task However_late_the_fan_outs_ended_the_parts_keep_four_fifths_of_the_budget()
    {
        await EndLateAsync(endedAtMs: 900);

        var after = await RunAsync(FanOut(new FakePart(_time, "members", true, Answer(10)), new FakePart(_time, "skills", false, Answer(480))),
            Query(), TimeSpan.FromMilliseconds(400));

        Assert.Equal("timeout", after.Response.Parts[1].Status);
        Assert.Equal(400, after.Response.ElapsedMs);
    }

    [Fact]
    public async Task A_member_the_backend_does_not_know_is_a_404_problem()
    {
        var outcome = await RunAsync(FanOut(new FakePart(_time, "members", true, Throw(StatusCode.NotFound)), new FakePart(_time, "skills", false, Answer(10))),
            Query(), TimeSpan.FromMilliseconds(10));

        var problem = Assert.IsType<ProblemHttpResult>(outcome.ToHttpResult());
        Assert.Equal(StatusCodes.Status404NotFound, problem.StatusCode);
        Assert.Equal("There is no member 42.", problem.ProblemDetails.Detail);
    }

    [Fact]
    public async Task The_required_part_failing_is_a_502_and_its_siblings_are_cancelled()
    {
        var outcome = await RunAsync(FanOut(new FakePart(_time, "members", true, ThrowAfter(10, StatusCode.Unavailable)), new FakePart(_time, "skills", false, Answer(1000))),
            Query(), TimeSpan.FromMilliseconds(10));

        Assert.Equal(StatusCodes.Status502BadGateway, StatusOf(outcome.ToHttpResult()));
        Assert.Equal(["failed", "cancelled"], outcome.Response.Parts.Select(part => part.Status));
    }

    [Fact]
    public async Task Parts_not_yet_started_when_the_required_part_failed_are_skipped()
    {
        var outcome = await RunAsync(FanOut(new FakePart(_time, "members", true, Throw(StatusCode.Unavailable)), new FakePart(_time, "skills", false, Answer(1000))),
            Query(FanOutMode.Sequential), TimeSpan.Zero);

        Assert.Equal(["failed", "skipped"], outcome.Response.Parts.Select(part => part.Status));
    }

    [Fact]
    public async Task The_required_part_hanging_past_its_timeout_is_a_504()
    {
        var fanOut = new ProfileFanOut(
            [new FakePart(_time, "members", true, Answer(10_000)), new FakePart(_time, "skills", false, Answer(10_000))],
            Options.Create(new FanOutOptions { PartTimeouts = { ["members"] = TimeSpan.FromMilliseconds(200) } }),
            _time,
            Telemetry(),
            _overruns,
            _reserve);

        var outcome = await RunAsync(fanOut, Query(), TimeSpan.FromMilliseconds(200));

        Assert.Equal(StatusCodes.Status504GatewayTimeout, StatusOf(outcome.ToHttpResult()));
        Assert.Equal(["timeout", "cancelled"], outcome.Response.Parts.Select(part => part.Status));
    }

    [Fact]
    public async Task An_optional_part_failing_gives_a_degraded_200()
    {
        var outcome = await RunAsync(FanOut(new FakePart(_time, "members", true, Answer(10)), new FakePart(_time, "skills", false, Throw(StatusCode.Internal))),
            Query(), TimeSpan.FromMilliseconds(10));

        Assert.Equal(StatusCodes.Status200OK, StatusOf(outcome.ToHttpResult()));
        Assert.True(outcome.Response.Degraded);
        Assert.Equal("Internal: Internal", outcome.Response.Parts[1].Error);
    }

    [Fact]
    public async Task A_part_whose_circuit_is_open_says_so_rather_than_what_opened_it()
    {
        var unavailable = new RpcException(new Status(StatusCode.Unavailable, "down"));
        var outcome = await RunAsync(
            FanOut(new FakePart(_time, "members", true, Answer(10)), new FakePart(_time, "skills", false, _ => throw new BrokenCircuitException("open", unavailable))),
            Query(),
            TimeSpan.FromMilliseconds(10));

        Assert.Equal("circuit-open", outcome.Response.Parts[1].Error);
    }

    [Fact]
    public async Task Concurrently_the_slowest_part_is_the_critical_one_and_decides_the_total()
    {
        var fanOut = FanOut(new FakePart(_time, "members", true, Answer(20)), new FakePart(_time, "network", false, Answer(200)), new FakePart(_time, "skills", false, Answer(50)));
        var fetch = fanOut.FetchAsync(Query(), null, TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromMilliseconds(50));
        _time.Advance(TimeSpan.FromMilliseconds(150));
        var outcome = await fetch;

        Assert.False(outcome.Response.Degraded);
        Assert.Equal("network", outcome.Response.CriticalPart);
        Assert.Equal(200, outcome.Response.ElapsedMs);
        Assert.All(outcome.Response.Parts, part => Assert.Equal(0, part.StartedMs));
    }

    [Fact]
    public async Task Sequentially_each_part_starts_when_the_one_before_it_ended()
    {
        var fanOut = FanOut(new FakePart(_time, "members", true, Answer(20)), new FakePart(_time, "network", false, Answer(200)), new FakePart(_time, "skills", false, Answer(50)));
        var fetch = fanOut.FetchAsync(Query(FanOutMode.Sequential), null, TestContext.Current.CancellationToken);
        foreach (var step in new[] { 20, 200, 50 })
        {
            await Task.Yield();
            _time.Advance(TimeSpan.FromMilliseconds(step));
        }

        var outcome = await fetch;

        Assert.Equal([0.0, 20, 220], outcome.Response.Parts.Select(part => part.StartedMs));
        Assert.Equal(270, outcome.Response.ElapsedMs);
        Assert.Equal("network", outcome.Response.CriticalPart);
    }
}
