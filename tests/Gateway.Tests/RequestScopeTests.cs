using Microsoft.Extensions.Time.Testing;
using Profiles.Gateway.Scopes;

namespace Profiles.Gateway.Tests;

/// <summary>The rules of structured concurrency the request scope promises, one test each, on fake time.</summary>
public sealed class RequestScopeTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(500);
    private static readonly ChildOptions Required = new(Required: true);
    private static readonly ChildOptions Optional = new(Required: false);

    private readonly FakeTimeProvider _time = new();

    private RequestScope NewScope() => NewScopeAbortedBy(TestContext.Current.CancellationToken);

    private RequestScope NewScopeAbortedBy(CancellationToken requestAborted) => new(Budget, _time, requestAborted);

    private Func<ChildContext, Task<string>> Delay(int milliseconds, string value = "done") =>
        async context =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(milliseconds), _time, context.CancellationToken);
            return value;
        };

    [Fact]
    public async Task Completes_only_after_every_child_has_finished()
    {
        await using var scope = NewScope();
        var fast = scope.StartChild("fast", Optional, Delay(10));
        var slow = scope.StartChild("slow", Optional, Delay(100));

        var completion = scope.CompleteAsync();
        _time.Advance(TimeSpan.FromMilliseconds(10));
        Assert.True(fast.IsCompleted);
        Assert.False(completion.IsCompleted);

        _time.Advance(TimeSpan.FromMilliseconds(90));
        await completion;
        Assert.Equal(ChildStatus.Ok, (await slow).Status);
        Assert.Equal(TimeSpan.FromMilliseconds(100), (await slow).Elapsed);
    }

    [Fact]
    public async Task A_required_child_failing_cancels_its_siblings_and_fails_the_scope()
    {
        await using var scope = NewScope();
        var sibling = scope.StartChild("sibling", Optional, Delay(1000));
        var required = scope.StartChild<string>("members", Required, async context =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), _time, context.CancellationToken);
            throw new InvalidOperationException("down");
        });

        var completion = scope.CompleteAsync();
        _time.Advance(TimeSpan.FromMilliseconds(20));

        var failure = await Assert.ThrowsAsync<ScopeFailedException>(() => completion);
        Assert.Equal("members", failure.ChildName);
        Assert.Equal(ChildStatus.Failed, failure.Status);
        Assert.IsType<InvalidOperationException>(failure.InnerException);
        Assert.Equal(ChildStatus.Failed, (await required).Status);
        Assert.Equal(ChildStatus.Cancelled, (await sibling).Status);
    }

    [Fact]
    public async Task The_other_errors_are_kept_beside_the_one_that_failed_the_scope()
    {
        await using var scope = NewScope();
        _ = scope.StartChild<string>("optional", Optional, _ => throw new InvalidOperationException("optional broke"));
        _ = scope.StartChild<string>("members", Required, _ => throw new InvalidOperationException("required broke"));

        var failure = await Assert.ThrowsAsync<ScopeFailedException>(scope.CompleteAsync);

        Assert.Equal("required broke", failure.InnerException!.Message);
        Assert.Equal("optional broke", Assert.Single(failure.OtherErrors).Message);
    }

    [Fact]
    public async Task An_optional_child_failing_is_recorded_and_the_others_go_on()
    {
        await using var scope = NewScope();
        var broken = scope.StartChild<string>("skills", Optional, _ => throw new InvalidOperationException("bug"));
        var healthy = scope.StartChild("members", Required, Delay(50));

        var completion = scope.CompleteAsync();
        _time.Advance(TimeSpan.FromMilliseconds(50));
        await completion;

        Assert.Equal(ChildStatus.Failed, (await broken).Status);
        Assert.Equal(ChildStatus.Ok, (await healthy).Status);
        Assert.False(scope.IsCancellationRequested);
    }

    [Fact]
    public async Task A_child_times_out_at_its_own_timeout_when_that_comes_before_the_deadline()
    {
        await using var scope = NewScope();
        var child = scope.StartChild("skills", Optional with { Timeout = TimeSpan.FromMilliseconds(100) }, Delay(10_000));

        _time.Advance(TimeSpan.FromMilliseconds(100));
        var result = await child;

        Assert.Equal(ChildStatus.Timeout, result.Status);
        Assert.Equal(TimeSpan.FromMilliseconds(100), result.Elapsed);
        Assert.False(scope.IsCancellationRequested);
    }

    [Fact]
    public async Task A_child_times_out_at_the_scope_deadline_when_its_own_timeout_is_later()
    {
        await using var scope = NewScope();
        ChildContext? seen = null;
        var child = scope.StartChild("skills", Optional with { Timeout = TimeSpan.FromSeconds(5) }, context =>
        {
            seen = context;
            return Delay(10_000)(context);
        });

        Assert.Equal(scope.DeadlineUtc, seen!.Value.DeadlineUtc);
        _time.Advance(Budget);

        Assert.Equal(ChildStatus.Timeout, (await child).Status);
    }

    [Fact]
    public async Task A_childs_time_is_up_at_its_own_timeout_or_the_deadline_and_not_when_the_client_goes_away()
    {
        using var client = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        await using var scope = NewScopeAbortedBy(client.Token);
        var seen = new List<ChildContext>();
        var children = new[] { Optional with { Timeout = TimeSpan.FromMilliseconds(100) }, Optional }
            .Select((options, i) => scope.StartChild($"child {i}", options, context =>
            {
                seen.Add(context);
                return Delay(10_000)(context);
            }))
            .ToArray();

        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal([true, false], seen.Select(context => context.TimeUp.IsCancellationRequested));

        await client.CancelAsync();
        Assert.Equal([true, false], seen.Select(context => context.TimeUp.IsCancellationRequested));
        await Task.WhenAll(children);

        _time.Advance(Budget);
        Assert.True(seen[1].TimeUp.IsCancellationRequested);
    }

    [Fact]
    public async Task A_child_whose_callee_reports_a_timeout_has_timed_out_even_before_any_limit_of_ours()
    {
        await using var scope = NewScope();
        var child = await scope.StartChild<string>("skills", Optional, _ => throw new TimeoutException("the callee's deadline passed first"));

        Assert.Equal(ChildStatus.Timeout, child.Status);
        Assert.False(scope.IsCancellationRequested);
    }

    [Fact]
    public async Task A_required_child_still_running_at_the_deadline_fails_the_scope_and_its_siblings_are_cancelled()
    {
        await using var scope = NewScope();
        var sibling = scope.StartChild("skills", Optional, Delay(10_000));
        var required = scope.StartChild("members", Required, Delay(10_000));

        var completion = scope.CompleteAsync();
        _time.Advance(Budget);

        var failure = await Assert.ThrowsAsync<ScopeFailedException>(() => completion);
        Assert.Equal("members", failure.ChildName);
        Assert.Equal(ChildStatus.Timeout, failure.Status);
        Assert.IsAssignableFrom<OperationCanceledException>(failure.InnerException);
        Assert.Equal(ChildStatus.Timeout, (await required).Status);
        Assert.Equal(ChildStatus.Cancelled, (await sibling).Status);
    }

    [Fact]
    public async Task Optional_children_still_running_at_the_deadline_time_out_when_the_required_ones_are_done()
    {
        await using var scope = NewScope();
        var required = scope.StartChild("members", Required, Delay(10));
        var optional = scope.StartChild("skills", Optional, Delay(10_000));

        var completion = scope.CompleteAsync();
        _time.Advance(Budget);
        await completion;

        Assert.Equal(ChildStatus.Ok, (await required).Status);
        Assert.Equal(ChildStatus.Timeout, (await optional).Status);
    }

    [Fact]
    public async Task The_client_going_away_cancels_every_child_and_the_scope()
    {
        using var client = new CancellationTokenSource();
        await using var scope = NewScopeAbortedBy(client.Token);
        var first = scope.StartChild("members", Required, Delay(1000));
        var second = scope.StartChild("skills", Optional, Delay(1000));

        var completion = scope.CompleteAsync();
        await client.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => completion);
        Assert.Equal(ChildStatus.Cancelled, (await first).Status);
        Assert.Equal(ChildStatus.Cancelled, (await second).Status);
    }

    [Fact]
    public async Task A_child_started_after_the_scope_failed_is_skipped_without_running()
    {
        await using var scope = NewScope();
        await scope.StartChild<string>("members", Required, _ => throw new InvalidOperationException("gone"));

        var ran = false;
        var late = await scope.StartChild("skills", Optional, _ =>
        {
            ran = true;
            return Task.FromResult("never");
        });

        Assert.Equal(ChildStatus.Skipped, late.Status);
        Assert.False(ran);
    }

    [Fact]
    public async Task Disposing_cancels_and_waits_for_children_that_were_never_awaited()
    {
        Task<ChildResult<string>> child;
        await using (var scope = NewScope())
        {
            child = scope.StartChild("skills", Optional, Delay(10_000));
        }

        Assert.True(child.IsCompleted);
        Assert.Equal(ChildStatus.Cancelled, (await child).Status);
    }

    [Fact]
    public async Task A_blocking_child_runs_on_the_calling_thread()
    {
        await using var scope = NewScope();
        var caller = Environment.CurrentManagedThreadId;

        var result = scope.StartChild("members", Required, _ => Task.FromResult(Environment.CurrentManagedThreadId));

        Assert.True(result.IsCompleted);
        Assert.Equal(caller, (await result).Value);
    }

    [Fact]
    public async Task No_child_exception_is_ever_left_unobserved()
    {
        // The event is process-wide and other tests run alongside: only this test's own exceptions,
        // told apart by a message no other test uses, count.
        var marker = $"unobserved-watch {Guid.NewGuid()}";
        var unobserved = 0;
        EventHandler<UnobservedTaskExceptionEventArgs> handler = (_, args) =>
        {
            if (args.Exception.Flatten().InnerExceptions.Any(error => error.Message == marker))
            {
                Interlocked.Increment(ref unobserved);
            }
        };
        TaskScheduler.UnobservedTaskException += handler;
        try
        {
            await RunScopeWithFailuresAsync(marker);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= handler;
        }

        Assert.Equal(0, unobserved);
    }

    private async Task RunScopeWithFailuresAsync(string message)
    {
        await using var scope = NewScope();
        for (var i = 0; i < 10; i++)
        {
            _ = scope.StartChild<string>($"optional-{i}", Optional, async _ =>
            {
                await Task.Yield();
                throw new InvalidOperationException(message);
            });
        }

        _ = scope.StartChild<string>("members", Required, async _ =>
        {
            await Task.Yield();
            throw new InvalidOperationException(message);
        });

        await Assert.ThrowsAsync<ScopeFailedException>(scope.CompleteAsync);
    }
}
