namespace Profiles.Gateway.Scopes;

/// <summary>
/// Structured concurrency for one request: every child starts inside the scope, and none outlives it.
/// Written by hand because neither the BCL nor any package we can use has it (dotnet/runtime#81874).
/// Its peers, and where it differs:
/// <list type="bullet">
/// <item>Go's <c>errgroup.WithContext</c>: one context for all, and the first error cancels the rest.
/// Here only a <em>required</em> child's failure does; an optional child's is recorded and the others go on.</item>
/// <item>Kotlin's <c>coroutineScope</c>: the scope waits for its children and a failure cancels the
/// siblings; <c>supervisorScope</c> is the optional child's rule. Both live side by side here.</item>
/// <item>Java's <c>StructuredTaskScope</c>: <c>fork</c>, <c>join</c> and a deadline (<c>joinUntil</c>).
/// Here the deadline is the request's, and each child may have a tighter timeout of its own.</item>
/// </list>
/// The rules: children start only through <see cref="StartChild{T}"/>; <see cref="CompleteAsync"/>
/// and <see cref="DisposeAsync"/> return only once every child has finished; a child never throws
/// to its caller but ends as a <see cref="ChildResult{T}"/>, so no exception is left unobserved.
/// A child's end is classified in .NET's own words: <see cref="OperationCanceledException"/> and
/// <see cref="TimeoutException"/>. A transport that speaks otherwise translates at its edge.
/// </summary>
public sealed class RequestScope : IAsyncDisposable
{
    private readonly TimeProvider _time;
    private readonly CancellationToken _requestAborted;
    private readonly CancellationTokenSource _deadline;
    private readonly CancellationTokenSource _scope;
    private readonly long _startedAt;
    private readonly Lock _gate = new();
    private readonly List<Task> _children = [];
    private readonly List<Exception> _errors = [];
    private readonly List<string> _requiredRunning = [];
    private (string Name, ChildStatus Status, Exception? Error)? _failure;
    private int _disposed;

    public RequestScope(TimeSpan budget, TimeProvider time, CancellationToken requestAborted)
    {
        _time = time;
        _requestAborted = requestAborted;
        _startedAt = time.GetTimestamp();
        DeadlineUtc = time.GetUtcNow().UtcDateTime + budget;
        _deadline = new CancellationTokenSource(budget, time);
        _scope = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, _deadline.Token);
        _deadline.Token.Register(BlameRequiredChildForDeadline);
    }

    public DateTime DeadlineUtc { get; }

    /// <summary>Fires on client disconnect, at the deadline, and when a required child fails.</summary>
    public bool IsCancellationRequested => _scope.IsCancellationRequested;

    public TimeSpan Elapsed => _time.GetElapsedTime(_startedAt);

    /// <summary>
    /// Starts <paramref name="work"/> as a child. It runs synchronously up to its first await, so a
    /// child that blocks holds the calling thread: that is what the blocking mode is for.
    /// </summary>
    public Task<ChildResult<T>> StartChild<T>(string name, ChildOptions options, Func<ChildContext, Task<T>> work)
    {
        // Registered before it starts and started outside the lock: a blocking child must not hold
        // the gate, and a scope being disposed meanwhile still waits for it.
        var start = new Task<Task<ChildResult<T>>>(() => RunChildAsync(name, options, work));
        var child = start.Unwrap();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed == 1, this);
            _children.Add(child);
        }

        start.RunSynchronously(TaskScheduler.Default);
        return child;
    }

    /// <summary>Waits for every child; throws <see cref="ScopeFailedException"/> if a required one failed, <see cref="OperationCanceledException"/> if the client went away.</summary>
    public async Task CompleteAsync()
    {
        await WhenAllChildrenAsync();
        lock (_gate)
        {
            if (_failure is { } failure)
            {
                var error = failure.Error ?? new TimeoutException($"'{failure.Name}' was still running at the deadline.");
                throw new ScopeFailedException(failure.Name, failure.Status, error, _errors.Where(other => other != error).ToArray());
            }
        }

        _requestAborted.ThrowIfCancellationRequested();
    }

    /// <summary>Cancels whatever is still running and waits for it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _scope.CancelAsync();
        await WhenAllChildrenAsync();
        _scope.Dispose();
        _deadline.Dispose();
    }

    private async Task WhenAllChildrenAsync()
    {
        // The sequential mode adds children while we wait, so loop until a pass finds nothing new.
        for (var awaited = 0; ;)
        {
            Task[] pending;
            lock (_gate)
            {
                if (awaited == _children.Count)
                {
                    return;
                }

                pending = _children[awaited..].ToArray();
                awaited = _children.Count;
            }

            await Task.WhenAll(pending);
        }
    }

    private async Task<ChildResult<T>> RunChildAsync<T>(string name, ChildOptions options, Func<ChildContext, Task<T>> work)
    {
        if (_scope.IsCancellationRequested)
        {
            return ChildResult.Skipped<T>(name);
        }

        var startedAt = Elapsed;
        var ownTimeout = options.Timeout is { } timeout && _time.GetUtcNow().UtcDateTime + timeout < DeadlineUtc ? timeout : (TimeSpan?)null;
        using var timeoutSource = ownTimeout is { } bound ? new CancellationTokenSource(bound, _time) : null;
        // A child without a timeout of its own stops exactly when the scope does, so it observes the
        // scope's token itself: a linked copy would cost a token source and a registration per child,
        // held as long as the request is in flight (docs/benchmarks.md, "What a request in flight is made of").
        using var childSource = timeoutSource is null ? null : CancellationTokenSource.CreateLinkedTokenSource(_scope.Token, timeoutSource.Token);
        using var timeUpSource = timeoutSource is null ? null : CancellationTokenSource.CreateLinkedTokenSource(_deadline.Token, timeoutSource.Token);
        var context = new ChildContext(
            ownTimeout is { } limit ? _time.GetUtcNow().UtcDateTime + limit : DeadlineUtc, childSource?.Token ?? _scope.Token, timeUpSource?.Token ?? _deadline.Token);

        if (options.Required)
        {
            lock (_gate)
            {
                _requiredRunning.Add(name);
            }
        }

        try
        {
            var value = await work(context);
            return ChildResult.Ok(name, startedAt, Elapsed - startedAt, value);
        }
        catch (Exception error)
        {
            var status = Classify(name, error, timeoutSource);
            OnChildFailed(name, options.Required, status, error);
            return ChildResult.Ended<T>(name, status, startedAt, Elapsed - startedAt, error);
        }
        finally
        {
            lock (_gate)
            {
                _requiredRunning.Remove(name);
            }
        }
    }

    /// <summary>
    /// Who ended the child: the client (cancelled), a time limit (timeout), a required sibling's
    /// failure (cancelled), or the child itself (failed). At the deadline every child stops at once,
    /// in no particular order, so the blame is settled once for all before any is classified.
    /// </summary>
    private ChildStatus Classify(string name, Exception error, CancellationTokenSource? timeoutSource)
    {
        var stopped = error is OperationCanceledException or TimeoutException;
        if (_requestAborted.IsCancellationRequested)
        {
            return ChildStatus.Cancelled;
        }

        if (stopped && (_deadline.IsCancellationRequested || _time.GetUtcNow().UtcDateTime >= DeadlineUtc))
        {
            lock (_gate)
            {
                BlameRequiredChildForDeadline();
                return _failure is { } blamed && blamed.Name != name ? ChildStatus.Cancelled : ChildStatus.Timeout;
            }
        }

        if (error is TimeoutException || (stopped && timeoutSource?.IsCancellationRequested == true))
        {
            return ChildStatus.Timeout;
        }

        return stopped && _scope.IsCancellationRequested ? ChildStatus.Cancelled : ChildStatus.Failed;
    }

    /// <summary>A required child still running at the deadline has timed out and fails the scope; the others were cancelled with it.</summary>
    private void BlameRequiredChildForDeadline()
    {
        lock (_gate)
        {
            if (_failure is null && _requiredRunning.Count > 0)
            {
                _failure = (_requiredRunning[0], ChildStatus.Timeout, null);
            }
        }
    }

    private void OnChildFailed(string name, bool required, ChildStatus status, Exception error)
    {
        lock (_gate)
        {
            _errors.Add(error);
            if (_failure is { Error: null } blamed && blamed.Name == name)
            {
                _failure = blamed with { Error = error };
                return;
            }

            if (!required || status is not (ChildStatus.Failed or ChildStatus.Timeout) || _failure is not null)
            {
                return;
            }

            _failure = (name, status, error);
        }

        _scope.Cancel();
    }
}
