using System.Globalization;

namespace Profiles.Fixtures;

/// <summary>
/// Processes as Linux's <c>/proc</c> lists them. A process is named by its id and its start time,
/// so that an id the kernel hands out again later is not mistaken for the one the test saw.
/// DCP starts a project as <c>dotnet run</c>, so the process id Aspire reports is that launcher's;
/// the service itself is its child.
/// </summary>
public readonly record struct LinuxProcess(int Id, int ParentId, long StartTime)
{
    public static IReadOnlyList<LinuxProcess> All() =>
    [
        .. Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, CultureInfo.InvariantCulture, out var id) ? Read(id) : null)
            .OfType<LinuxProcess>(),
    ];

    public static LinuxProcess? Read(int id)
    {
        try
        {
            // The command name, in parentheses, may hold spaces: the fields that follow it are counted from its end.
            var stat = File.ReadAllText($"/proc/{id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return new LinuxProcess(id, int.Parse(fields[1], CultureInfo.InvariantCulture), long.Parse(fields[19], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public string CommandLine
    {
        get
        {
            try
            {
                return File.ReadAllText($"/proc/{Id}/cmdline").Replace('\0', ' ').Trim();
            }
            catch (IOException)
            {
                return "";
            }
        }
    }

    /// <summary>Still running: the same process, not a new one under a reused id, and not a zombie waiting to be reaped.</summary>
    public bool IsAlive =>
        Read(Id) is { } now && now.StartTime == StartTime && !File.ReadAllText($"/proc/{Id}/stat").Contains(") Z ", StringComparison.Ordinal);

    /// <summary>This process's parent, its parent's parent and so on, nearest first, up to but not including init (pid 1).</summary>
    public IReadOnlyList<LinuxProcess> Ancestors()
    {
        var ancestors = new List<LinuxProcess>();
        for (var parent = ParentId; parent > 1 && Read(parent) is { } process; parent = process.ParentId)
        {
            ancestors.Add(process);
        }

        return ancestors;
    }

    /// <summary>The roots and every process descended from them, as the process table stands now.</summary>
    public static IReadOnlyList<LinuxProcess> WithDescendants(IEnumerable<int> roots)
    {
        var all = All();
        var children = all.ToLookup(process => process.ParentId);
        var found = new List<LinuxProcess>();
        var pending = new Queue<int>(roots);
        while (pending.TryDequeue(out var id))
        {
            if (all.FirstOrDefault(process => process.Id == id) is { Id: > 0 } process && !found.Contains(process))
            {
                found.Add(process);
                foreach (var child in children[id])
                {
                    pending.Enqueue(child.Id);
                }
            }
        }

        return found;
    }

    /// <summary>Waits up to <paramref name="allowance"/> for every one of <paramref name="processes"/> to end; returns those still alive.</summary>
    public static async Task<IReadOnlyList<LinuxProcess>> SurvivorsAfterAsync(
        IReadOnlyList<LinuxProcess> processes, TimeSpan allowance, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + allowance;
        while (processes.Any(process => process.IsAlive) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, cancellationToken);
        }

        return [.. processes.Where(process => process.IsAlive)];
    }
}
