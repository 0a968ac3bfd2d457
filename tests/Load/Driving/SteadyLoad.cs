using System.Diagnostics;
using System.Net;

namespace Profiles.Load.Driving;

/// <summary>
/// An open-loop load that runs in the background while a scenario does something to the system:
/// requests arrive at a fixed rate whatever happens to the answers, each measured from when it
/// was due (as <see cref="OpenLoop"/>), and every answer is kept as an <see cref="Answer"/>. The
/// request of each arrival is asked for when it is due, so a scenario can move the load to other
/// members between phases.
/// </summary>
public sealed class SteadyLoad : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly List<Answer> _answers = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly long _startedAt = Stopwatch.GetTimestamp();
    private readonly long _clock;
    private readonly Task _arrivals;
    private int _stopped;

    /// <param name="clock">
    /// What <see cref="Now"/> and every <see cref="Answer.DueSeconds"/> count from (<see cref="StartClock"/>),
    /// so that loads run one after another share a timeline; by default, this load's start.
    /// </param>
    public SteadyLoad(Uri gateway, double perSecond, Func<ProfileRequest> request, TimeSpan timeout, CancellationToken cancellationToken, long? clock = null)
    {
        _clock = clock ?? _startedAt;
        _http = LoadClient.CreateHttpClient(gateway, timeout);
        PerSecond = perSecond;
        _arrivals = Task.Run(() => ArriveAsync(request, CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token)), CancellationToken.None);
    }

    public double PerSecond { get; }

    /// <summary>Seconds on the clock every <see cref="Answer.DueSeconds"/> is on.</summary>
    public double Now => Stopwatch.GetElapsedTime(_clock).TotalSeconds;

    public static long StartClock() => Stopwatch.GetTimestamp();

    /// <summary>Seconds since <paramref name="clock"/> (<see cref="StartClock"/>).</summary>
    public static double Elapsed(long clock) => Stopwatch.GetElapsedTime(clock).TotalSeconds;

    /// <summary>Every answer so far, in the order they came.</summary>
    public IReadOnlyList<Answer> Answers
    {
        get
        {
            lock (_gate)
            {
                return [.. _answers];
            }
        }
    }

    /// <summary>The answers to requests due from <paramref name="from"/> to <paramref name="to"/> seconds.</summary>
    public IReadOnlyList<Answer> Between(double from, double to) =>
        [.. Answers.Where(answer => answer.DueSeconds >= from && answer.DueSeconds < to).OrderBy(answer => answer.DueSeconds)];

    /// <summary>Stops arrivals and waits for every request sent to answer.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await _stop.CancelAsync();
            await _arrivals;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task ArriveAsync(Func<ProfileRequest> request, CancellationTokenSource arrivals)
    {
        using var _ = arrivals;
        var inFlight = new List<Task>();
        try
        {
            for (long sequence = 1; ; sequence++)
            {
                var due = TimeSpan.FromSeconds((sequence - 1) / PerSecond);
                var wait = due - Stopwatch.GetElapsedTime(_startedAt);
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait, arrivals.Token);
                }

                inFlight.Add(SendAsync(request(), sequence, Stopwatch.GetElapsedTime(_clock, _startedAt).TotalSeconds + due.TotalSeconds));
                if (inFlight.Count > 10_000)
                {
                    inFlight.RemoveAll(task => task.IsCompleted);
                }
            }
        }
        catch (OperationCanceledException) when (arrivals.IsCancellationRequested)
        {
        }

        await Task.WhenAll(inFlight);
    }

    private async Task SendAsync(ProfileRequest request, long sequence, double dueSeconds)
    {
        // Off the pacing loop: a slow connect must not delay the next arrival.
        await Task.Yield();
        var memberId = request.MemberOf(sequence);
        Answer answer;
        try
        {
            using var message = request.Create(sequence);
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, CancellationToken.None);
            var body = response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsByteArrayAsync(CancellationToken.None) : null;
            answer = Answer.Read(dueSeconds, LatencySince(dueSeconds), (int)response.StatusCode, memberId, response.Headers.RetryAfter is not null, body);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            answer = Answer.Read(dueSeconds, LatencySince(dueSeconds), LoadClient.NoAnswer, memberId, false, null);
        }

        lock (_gate)
        {
            _answers.Add(answer);
        }
    }

    private double LatencySince(double dueSeconds) => (Now - dueSeconds) * 1000;
}
