using System.Diagnostics;
using System.Reflection;
using Profiles.Fixtures;

namespace Profiles.AppHost.Tests;

/// <summary>
/// The real AppHost, run from its build output as a user's <c>dotnet run</c> would, but on random
/// ports (so it never clashes with a running system) and without faults. Its output goes to the test's.
/// </summary>
internal sealed class AppHostProcess : IDisposable
{
    private static readonly string Directory = typeof(AppHostProcess).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == "AppHostDirectory").Value!;

    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AppHostProcess()
    {
        // env --default-signal: a process started from a script's background job inherits SIGINT
        // ignored, and .NET then never sees Ctrl+C; a user's terminal delivers it.
        var startInfo = new ProcessStartInfo("env")
        {
            ArgumentList = { "--default-signal=INT,TERM", "dotnet", Path.Combine(Directory, "AppHost.dll"), "--Faults:Profile=none" },
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The launch profile's settings, with every proxied port (the dashboard's and the gateway's) chosen at random.
        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Development";
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        startInfo.Environment["ASPNETCORE_URLS"] = "http://localhost:18888";
        startInfo.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = "http://localhost:18889";
        startInfo.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        startInfo.Environment["DcpPublisher__RandomizePorts"] = "true";

        _process = new Process { StartInfo = startInfo };
        _process.OutputDataReceived += (_, line) => Observe(line.Data);
        _process.ErrorDataReceived += (_, line) => Observe(line.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The gateway's address, once the AppHost has printed it: every resource is healthy.</summary>
    public Task<Uri> Ready => _ready.Task;

    /// <summary>
    /// Every process of the system: the AppHost, DCP (which detaches itself from the AppHost and
    /// names the AppHost's id as the process it watches) and everything either of them started.
    /// </summary>
    public IReadOnlyList<LinuxProcess> SystemProcesses()
    {
        var watchedBy = $"--monitor {Id}";
        var dcp = LinuxProcess.All().Where(process => process.CommandLine.Contains(watchedBy, StringComparison.Ordinal)).Select(process => process.Id);
        return LinuxProcess.WithDescendants([Id, .. dcp]);
    }

    public void Signal(int signal)
    {
        if (Kill(Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({Id}, {signal}) failed");
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Observe(string? line)
    {
        if (line is null)
        {
            return;
        }

        Output.Write(line);
        var gateway = line.IndexOf("Gateway: http://", StringComparison.Ordinal);
        if (gateway >= 0)
        {
            _ready.TrySetResult(new Uri(line[(gateway + "Gateway: ".Length)..].Trim()));
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
