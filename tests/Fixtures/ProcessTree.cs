using System.Globalization;

namespace Profiles.Fixtures;

/// <summary>
/// A process's descendants, read from <c>/proc</c>. DCP starts a project as <c>dotnet run</c>, so the
/// process id Aspire reports is that launcher's; the service itself is its child.
/// </summary>
public static class ProcessTree
{
    /// <summary>Every live process below <paramref name="processId"/>, children before grandchildren.</summary>
    public static IReadOnlyList<int> DescendantsOf(int processId)
    {
        var children = ParentsByProcess()
            .GroupBy(pair => pair.Value, pair => pair.Key)
            .ToDictionary(group => group.Key, group => group.ToArray());
        var found = new List<int>();
        var pending = new Queue<int>([processId]);
        while (pending.TryDequeue(out var parent))
        {
            foreach (var child in children.GetValueOrDefault(parent, []))
            {
                found.Add(child);
                pending.Enqueue(child);
            }
        }

        return found;
    }

    private static Dictionary<int, int> ParentsByProcess()
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var processId)
                && ParentOf(directory) is { } parent)
            {
                parents[processId] = parent;
            }
        }

        return parents;
    }

    /// <summary>The fourth field of <c>stat</c>, after the command name, which may itself hold spaces and parentheses.</summary>
    private static int? ParentOf(string directory)
    {
        string stat;
        try
        {
            stat = File.ReadAllText(Path.Combine(directory, "stat"));
        }
        catch (IOException)
        {
            return null;
        }

        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[1], CultureInfo.InvariantCulture);
    }
}
