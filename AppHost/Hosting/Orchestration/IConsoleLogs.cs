namespace Profiles.AppHost.Hosting.Orchestration;

/// <summary>The most recent console lines of each replica, kept for the dashboard.</summary>
public interface IConsoleLogs
{
    IReadOnlyList<ConsoleLogLine> GetLines(string resourceName, int replica = 0);
}

public sealed record ConsoleLogLine(DateTimeOffset Timestamp, string Text, bool IsError);
