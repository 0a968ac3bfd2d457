namespace Profiles.Backends;

/// <summary>The <c>Activity</c> configuration section.</summary>
public sealed class ActivityOptions
{
    public const string SectionName = "Activity";

    /// <summary>The pause before each post after the first, as a real feed fetches and renders one post at a time.</summary>
    public TimeSpan PostInterval { get; set; } = TimeSpan.FromMilliseconds(2);
}
