using Profiles.AppHost.Hosting;

namespace Profiles.AppHost.Dashboard.Pages.Common;

/// <summary>
/// One colour per resource, the same on every page: the app model's resources take the palette in
/// the order Program.cs declares them, so no two of them share a colour. A name the model does not
/// know (a process that only sent telemetry) gets one from a stable hash of its name.
/// </summary>
public sealed class ResourcePalette(IReadOnlyList<ProjectResource> projects)
{
    private static readonly string[] Colors =
    [
        "#2563eb", "#ea580c", "#16a34a", "#9333ea", "#0891b2",
        "#db2777", "#ca8a04", "#dc2626", "#4f46e5", "#65a30d",
    ];

    public string ColorOf(string resourceName)
    {
        for (var index = 0; index < projects.Count; index++)
        {
            if (string.Equals(projects[index].Name, resourceName, StringComparison.OrdinalIgnoreCase))
            {
                return Colors[index % Colors.Length];
            }
        }

        // string.GetHashCode changes from one process to the next; this does not.
        var hash = 17u;
        foreach (var character in resourceName.ToUpperInvariant())
        {
            hash = unchecked((hash * 31) + character);
        }

        return Colors[hash % (uint)Colors.Length];
    }
}
