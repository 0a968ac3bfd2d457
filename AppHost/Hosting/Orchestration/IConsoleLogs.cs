namespace Profiles.AppHost.Hosting.Orchestration;

/// <summary>The most recent console lines of each replica, kept for the dashboard.</summary>
public interface IConsoleLogs
{
    IReadOnlyList<ConsoleLogLine> GetLines(string resourceName, int replica = 0);

    /// <summary>The replica of each line added from now on, until <paramref name="cancellationToken"/> is cancelled; a page then reads <see cref="GetLines"/> again.</summary>
    IAsyncEnumerable<ConsoleLogChange> WatchAsync(CancellationToken cancellationToken);
}

/// <summary>A line was added to the console log of <paramref name="Replica"/> of <paramref name="ResourceName"/>.</summary>
public sealed record ConsoleLogChange(string ResourceName, int Replica);

public sealed record ConsoleLogLine(DateTimeOffset Timestamp, string Text, bool IsError);
