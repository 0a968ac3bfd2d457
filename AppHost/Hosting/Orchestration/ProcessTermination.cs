using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Profiles.AppHost.Hosting.Orchestration;

/// <summary>
/// Stops a child the way a terminal would: SIGTERM first, so that it runs its shutdown (flushes
/// telemetry, leaves the Orleans cluster), then, past the grace period, a kill of its whole tree.
/// Process.Kill alone sends SIGKILL, which allows no shutdown at all.
/// </summary>
internal static partial class ProcessTermination
{
    private const int SigTerm = 15;

    public static async Task StopAsync(Process process, TimeSpan gracePeriod)
    {
        if (RequestStop(process))
        {
            try
            {
                await process.WaitForExitAsync().WaitAsync(gracePeriod);
                return;
            }
            catch (TimeoutException)
            {
            }
        }

        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own in the meantime.
        }

        await process.WaitForExitAsync();
    }

    private static bool RequestStop(Process process) =>
        !OperatingSystem.IsWindows() && !process.HasExited && SendSignal(process.Id, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int processId, int signal);
}
