using System.Globalization;

namespace Profiles.Load.Measurement;

/// <summary>
/// CPU time as Linux's <c>/proc</c> counts it: a process's <c>utime + stime</c> from
/// <c>/proc/{pid}/stat</c>, and the whole machine's busy time from <c>/proc/stat</c>. Both count in
/// USER_HZ ticks, which the kernel's ABI fixes at 100 a second whatever the kernel's own tick rate.
/// </summary>
public static class ProcCpu
{
    private const double TicksPerSecond = 100;

    /// <summary>User and system CPU the process has used since it started; zero once it is gone.</summary>
    public static TimeSpan OfProcess(int processId)
    {
        var (user, kernel) = SplitOfProcess(processId);
        return user + kernel;
    }

    /// <summary>The process's CPU in user space (utime) and in the kernel on its behalf (stime); zeros once it is gone.</summary>
    public static (TimeSpan User, TimeSpan Kernel) SplitOfProcess(int processId)
    {
        try
        {
            // The command name, in parentheses, may hold spaces: the fields that follow it are counted from its end.
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // Fields 14 and 15 of stat(5), utime and stime, are the 12th and 13th after the name.
            return (Ticks(long.Parse(fields[11], CultureInfo.InvariantCulture)), Ticks(long.Parse(fields[12], CultureInfo.InvariantCulture)));
        }
        catch (IOException)
        {
            return (TimeSpan.Zero, TimeSpan.Zero);
        }
    }

    /// <summary>
    /// CPU every process on the machine has used since boot, summed over its cores: user, nice,
    /// system, irq and softirq (not idle, iowait, or steal, which another guest had).
    /// </summary>
    public static TimeSpan OfMachine()
    {
        var total = File.ReadLines("/proc/stat").First(line => line.StartsWith("cpu ", StringComparison.Ordinal));
        var ticks = total.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(field => long.Parse(field, CultureInfo.InvariantCulture)).ToArray();
        return Ticks(ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6]);
    }

    private static TimeSpan Ticks(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);
}
