using System.Diagnostics;
using System.Reflection;

namespace Profiles.AppHost.Tests;

/// <summary>A newcomer without redis-server gets one line that says how to install it, not a hang or a stack trace.</summary>
public sealed class RedisMissingTests
{
    [Fact]
    public async Task Without_redis_server_the_AppHost_says_how_to_install_it_and_exits()
    {
        var directory = typeof(RedisMissingTests).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == "AppHostDirectory").Value!;
        var emptyPath = Directory.CreateTempSubdirectory("no-redis-");
        try
        {
            // dotnet itself is named by its full path: the PATH the AppHost sees holds nothing.
            var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "/usr/share/dotnet/dotnet";
            var startInfo = new ProcessStartInfo(dotnet)
            {
                ArgumentList = { Path.Combine(directory, "AppHost.dll") },
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            startInfo.Environment["PATH"] = emptyPath.FullName;
            using var appHost = Process.Start(startInfo)!;
            var output = appHost.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var error = appHost.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await appHost.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

            Assert.Equal(1, appHost.ExitCode);
            Assert.Equal("redis-server is not installed; install it with: sudo apt-get install -y redis-server", (await error).Trim());
            Assert.DoesNotContain("Exception", await output, StringComparison.Ordinal);
        }
        finally
        {
            emptyPath.Delete();
        }
    }
}
