namespace Profiles.Fixtures;

/// <summary>
/// One whole system at a time on this machine, across test assemblies: <c>dotnet test</c> runs the
/// assemblies side by side, and two systems of ten processes each starting on two cores make every
/// deadline in both miss. Held from start to dispose, through an exclusive lock on a file
/// (<c>flock</c> on Linux), which the kernel releases even if the holder is killed.
/// </summary>
public sealed class WholeSystemLock : IDisposable
{
    private static readonly string LockPath = Path.Combine(Path.GetTempPath(), "profiles-fanout-whole-system.lock");

    private readonly FileStream _file;

    private WholeSystemLock(FileStream file) => _file = file;

    /// <summary>The longest another assembly's suite may hold the machine; a caller's own start-up timeout begins after it.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(45);

    public static async Task<WholeSystemLock> AcquireAsync()
    {
        var giveUpAt = DateTime.UtcNow + MaxWait;
        while (true)
        {
            try
            {
                return new WholeSystemLock(new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < giveUpAt)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    public void Dispose() => _file.Dispose();
}
