using System.Diagnostics;
using System.Reflection;
using Profiles.Fixtures;

namespace Profiles.Load.Peers;

/// <summary>
/// The Node.js peer gateway (<c>tests/Load/Peers/node</c>), run by the harness as a child process:
/// <c>node server.js</c> on a loopback port of its own, pointed at the running system's five gRPC
/// backends through the same <c>services__{name}__grpc__0</c> variables the AppHost gives the
/// gateway. It is not part of the AppHost; the harness installs its npm packages the first time
/// (<c>npm ci</c>, from its package-lock.json) and kills it by its process id at the end.
/// </summary>
public sealed class NodePeer : IAsyncDisposable
{
    private const string ListeningPrefix = "Node peer: ";

    private readonly Process _process;

    private NodePeer(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public int ProcessId => _process.Id;

    /// <summary>Where the peer's sources are, as the harness was built from them.</summary>
    public static string SourceDirectory { get; } =
        typeof(NodePeer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == "NodePeerDirectory").Value!;

    /// <summary>Whether <c>node</c> is on the PATH: without it, there is no peer to run.</summary>
    public static bool IsAvailable => FindOnPath("node") is not null;

    /// <summary>Installs the packages if need be, starts the peer and waits until it listens.</summary>
    public static async Task<NodePeer> StartAsync(DistributedSystem system, Action<string> log, CancellationToken cancellationToken)
    {
        var node = FindOnPath("node") ?? throw new InvalidOperationException("node is not on the PATH: the Node.js peer needs Node.js 20 or later.");
        await InstallAsync(log, cancellationToken);

        var start = new ProcessStartInfo(node)
        {
            WorkingDirectory = SourceDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("server.js");
        start.Environment["PORT"] = "0";
        foreach (var backend in DistributedSystem.GrpcBackends)
        {
            var variable = $"services__{backend}__grpc__0";
            start.Environment[variable] = system.EnvironmentOf("gateway", variable)
                ?? throw new InvalidOperationException($"The gateway was given no {variable}: the peer would not know where {backend} is.");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new List<string>();
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.StartsWith(ListeningPrefix, StringComparison.Ordinal) == true)
            {
                listening.TrySetResult(new Uri(line.Data[ListeningPrefix.Length..]));
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                lock (errors)
                {
                    errors.Add(text);
                }
            }
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) =>
        {
            lock (errors)
            {
                listening.TrySetException(new InvalidOperationException($"The Node.js peer exited before it listened:\n{string.Join('\n', errors)}"));
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            var url = await listening.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            log($"Node.js peer {process.Id} at {url}");
            return new NodePeer(process, url);
        }
        catch
        {
            await StopAsync(process);
            throw;
        }
    }

    /// <summary>Stops the peer by its process id (the <see cref="Process"/> the harness started) and waits for it to end.</summary>
    public ValueTask DisposeAsync() => new(StopAsync(_process));

    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    /// <summary>Installs the locked package versions when they are not there yet, as a fresh clone has them not.</summary>
    private static async Task InstallAsync(Action<string> log, CancellationToken cancellationToken)
    {
        // npm writes this file last: a node_modules without it is an install that was cut short.
        if (File.Exists(Path.Combine(SourceDirectory, "node_modules", ".package-lock.json")))
        {
            return;
        }

        var npm = FindOnPath("npm") ?? throw new InvalidOperationException("npm is not on the PATH: the Node.js peer's packages cannot be installed.");
        log($"npm ci in {SourceDirectory}");
        var start = new ProcessStartInfo(npm) { WorkingDirectory = SourceDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            start.ArgumentList.Add(argument);
        }

        using var install = Process.Start(start) ?? throw new InvalidOperationException("npm did not start.");
        var output = install.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = install.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await install.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            install.Kill(entireProcessTree: true);
            throw;
        }

        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci failed ({install.ExitCode}):\n{await output}\n{await error}");
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
