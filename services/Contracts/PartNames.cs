namespace Profiles.Contracts;

/// <summary>The seven parts of a profile, by the names used in URLs, headers, telemetry and config.</summary>
public static class PartNames
{
    public const string Members = "members";
    public const string Experience = "experience";
    public const string Network = "network";
    public const string Skills = "skills";
    public const string Activity = "activity";
    public const string Views = "views";
    public const string Presence = "presence";

    public static readonly IReadOnlyList<string> All = [Members, Experience, Network, Skills, Activity, Views, Presence];

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);
}
