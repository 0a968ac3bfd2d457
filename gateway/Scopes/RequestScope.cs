using System.Diagnostics;
using Grpc.Core;
using Profiles.Gateway.Telemetry;

namespace Profiles.Gateway.Scopes;

/// <summary>
/// Structured concurrency for one request, written by hand because neither the BCL nor any package
/// we can use has it (dotnet/runtime#81874; Go's errgroup, Kotlin's coroutineScope, Swift's
/// TaskGroup, Java's StructuredTaskScope and Trio's nurseries are the models).
/// <list type="bullet">
/// <item>Children start only through <see cref="StartChild{T}"/>; <see cref="CompleteAsync"/> and
/// <see cref="DisposeAsync"/> return only once every child has finished, whatever happened.</item>
/// <item>The scope is bound to the request's cancellation and to a deadline; each child's token
/// fires at the earlier of its own timeout and that deadline.</item>
/// <item>A required child that fails or times out cancels its siblings and fails the scope; an
/// optional child's failure is recorded and the others go on.</item>
/// <item>Children never throw to their caller: each ends as a <see cref="ChildResult{T}"/>, so no
/// exception is ever left unobserved.</item>
/// </list>
/// </summary>
public sealed class RequestScope : IAsyncDisposable
{
    private readonly TimeProvider _timeProvider;
    private readonly GatewayTelemetry? _telemetry;
    private readonly CancellationToken _requestAborted;
    private readonly CancellationTokenSource _deadline;
    private readonly CancellationTokenSource _scope;
    private readonly long _startedAt;
    private readonly List<Task> _children = [];
    private readonly List<Exception> _errors = [];
    private readonly Lock _gate = new();
    private readonly List<string> _requiredRunning = [];
    private (string Name, ChildStatus Status, Exception? Error)? _failure;
    private bool _disposed;

    public RequestScope(TimeSpan budget, TimeProvider timeProvider, GatewayTelemetry? telemetry, CancellationToken requestAborted)
    {
        _timeProvider = timeProvider;
        _telemetry = telemetry;
        _requestAborted = requestAborted;
        _startedAt = timeProvider.GetTimestamp();
        DeadlineUtc = timeProvider.GetUtcNow().UtcDateTime + budget;
        _deadline = new CancellationTokenSource(budget, timeProvider);
        _scope = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, _deadline.Token);
        _deadline.Token.Register(OnDeadlinePassed);
    }

    public DateTime DeadlineUtc { get; }

    /// <summary>Fires on client disconnect, at the deadline, and when a required child fails.</summary>
    public CancellationToken CancellationToken => _scope.Token;

    public TimeSpan Elapsed => _timeProvider.GetElapsedTime(_startedAt);

    /// <summary>Whether new children would be pointless: the scope failed, timed out or was abandoned.</summary>
    public bool IsCancellationRequested => _scope.IsCancellationRequested;

    /// <summary>
    /// Starts <paramref name="work"/> as a child of this scope. It runs synchronously up to its first
    /// await (so a blocking body holds the calling thread, which is what the blocking mode is for).
    /// </summary>
    public Task<ChildResult<T>> StartChild<T>(string name, ChildOptions options, Func<ChildContext, Task<T>> work)
    {
        // Registered before it starts, and started outside the lock: a blocking child must not hold
        // the gate, and a scope being disposed meanwhile still waits for it (it will see the
        // cancellation and end as skipped).
        var start = new Task<Task<ChildResult<T>>>(() => RunChildAsync(name, options, work));
        var child = start.Unwrap();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _children.Add(child);
        }

        start.RunSynchronously(TaskScheduler.Default);
        return child;
    }

    /// <summary>
    /// Waits for every child. Throws <see cref="ScopeFailedException"/> if a required child failed
    /// or timed out, and <see cref="OperationCanceledException"/> if the client went away.
    /// </summary>
    public async Task CompleteAsync()
    {
        await WhenAllChildrenAsync();

        lock (_gate)
        {
            if (_failure is { } failure)
            {
                var error = failure.Error ?? new TimeoutException($"'{failure.Name}' was still running at the deadline.");
                var others = _errors.Where(other => !ReferenceEquals(other, error)).ToArray();
                throw new ScopeFailedException(failure.Name, failure.Status, error, others);
            }
        }

        _requestAborted.ThrowIfCancellationRequested();
    }

    /// <summary>Cancels whatever is still running and waits for it: no child outlives the scope.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        await _scope.CancelAsync();
        await WhenAllChildrenAsync();
        _scope.Dispose();
        _deadline.Dispose();
    }

    private async Task WhenAllChildrenAsync()
    {
        // Children may still be added while we wait (sequential mode adds them one by one), so
        // loop until a pass finds nothing new.
        var awaited = 0;
        while (true)
        {
            Task[] pending;
            lock (_gate)
            {
                if (awaited == _children.Count)
                {
                    return;
                }

                pending = _children.Skip(awaited).ToArray();
                awaited = _children.Count;
            }

            await Task.WhenAll(pending);
        }
    }

    private async Task<ChildResult<T>> RunChildAsync<T>(string name, ChildOptions options, Func<ChildContext, Task<T>> work)
    {
        if (_scope.IsCancellationRequested)
        {
            return ChildResult.Skipped<T>(name, options.Required);
        }

        var startedAt = Elapsed;
        var childStartedAt = _timeProvider.GetTimestamp();
        var timeout = options.Timeout is { } own && own < DeadlineUtc - _timeProvider.GetUtcNow().UtcDateTime ? own : (TimeSpan?)null;
        using var timeoutSource = timeout is { } t ? new CancellationTokenSource(t, _timeProvider) : null;
        using var childSource = timeoutSource is null
            ? CancellationTokenSource.CreateLinkedTokenSource(_scope.Token)
            : CancellationTokenSource.CreateLinkedTokenSource(_scope.Token, timeoutSource.Token);
        var deadlineUtc = timeout is { } bound ? _timeProvider.GetUtcNow().UtcDateTime + bound : DeadlineUtc;
        var context = new ChildContext(name, deadlineUtc, childSource.Token);

        if (options.Required)
        {
            lock (_gate)
            {
                _requiredRunning.Add(name);
            }
        }

        using var activity = GatewayTelemetry.ActivitySource.StartActivity($"profile.part {name}");
        activity?.SetTag("profile.part", name);
        activity?.SetTag("profile.part.required", options.Required);
        var partTag = new KeyValuePair<string, object?>("part", name);
        _telemetry?.InFlight.Add(1, partTag);

        T? value = default;
        Exception? error = null;
        ChildStatus status;
        try
        {
            value = await work(context);
            status = ChildStatus.Ok;
        }
        catch (Exception exception)
        {
            error = exception;
            status = Classify(name, exception, timeoutSource);
            OnChildFailed(name, options.Required, status, exception);
        }
        finally
        {
            _telemetry?.InFlight.Add(-1, partTag);
            if (options.Required)
            {
                lock (_gate)
                {
                    _requiredRunning.Remove(name);
                }
            }
        }

        var result = new ChildResult<T>(name, options.Required, status, startedAt, _timeProvider.GetElapsedTime(childStartedAt),
            value, error, context.Attempts, context.HedgeWon);
        Record(activity, result);
        return result;
    }

    /// <summary>
    /// A child's cancellation has one of three causes, told apart by which source fired: the
    /// client (cancelled), a time limit (timeout), or a required sibling's failure (cancelled).
    /// At the deadline every child stops at once, in no particular order, so who is to blame is
    /// settled once for all of them (<see cref="OnDeadlinePassed"/>) before any is classified.
    /// </summary>
    private ChildStatus Classify(string name, Exception exception, CancellationTokenSource? timeoutSource)
    {
        var isCancellation = exception is OperationCanceledException
            || exception is RpcException { StatusCode: StatusCode.Cancelled or StatusCode.DeadlineExceeded };

        if (_requestAborted.IsCancellationRequested)
        {
            return ChildStatus.Cancelled;
        }

        if (isCancellation && (_deadline.IsCancellationRequested || _timeProvider.GetUtcNow().UtcDateTime >= DeadlineUtc))
        {
            OnDeadlinePassed();
            return FailedBy() is { } culprit && culprit != name ? ChildStatus.Cancelled : ChildStatus.Timeout;
        }

        if (exception is RpcException { StatusCode: StatusCode.DeadlineExceeded }
            || (isCancellation && timeoutSource?.IsCancellationRequested == true))
        {
            return ChildStatus.Timeout;
        }

        return isCancellation && _scope.IsCancellationRequested ? ChildStatus.Cancelled : ChildStatus.Failed;
    }

    /// <summary>A required child still running at the deadline has timed out, and fails the scope; the others were cancelled with it.</summary>
    private void OnDeadlinePassed()
    {
        lock (_gate)
        {
            if (_failure is null && _requiredRunning.Count > 0)
            {
                _failure = (_requiredRunning[0], ChildStatus.Timeout, null);
            }
        }
    }

    private string? FailedBy()
    {
        lock (_gate)
        {
            return _failure?.Name;
        }
    }

    private void OnChildFailed(string name, bool required, ChildStatus status, Exception error)
    {
        var cancelSiblings = false;
        lock (_gate)
        {
            _errors.Add(error);
            if (_failure is { Error: null } blamed && blamed.Name == name)
            {
                _failure = blamed with { Error = error };
            }
            else if (required && status is ChildStatus.Failed or ChildStatus.Timeout && _failure is null)
            {
                _failure = (name, status, error);
                cancelSiblings = true;
            }
        }

        if (cancelSiblings)
        {
            _scope.Cancel();
        }
    }

    private void Record<T>(Activity? activity, ChildResult<T> result)
    {
        var status = result.Status.ToString().ToLowerInvariant();
        _telemetry?.Parts.Add(1, new("part", result.Name), new("status", status));
        if (activity is null)
        {
            return;
        }

        activity.SetTag("profile.part.status", status);
        activity.SetTag("profile.part.attempts", result.Attempts);
        activity.SetTag("profile.part.hedged", result.Hedged);
        switch (result.Status)
        {
            case ChildStatus.Ok:
                activity.SetStatus(ActivityStatusCode.Ok);
                break;
            case ChildStatus.Failed or ChildStatus.Timeout:
                activity.SetStatus(ActivityStatusCode.Error, result.Error?.Message);
                if (result.Error is { } error)
                {
                    activity.AddException(error);
                }

                break;
        }
    }
}
