using Microsoft.Extensions.Hosting;

namespace Profiles.AppHost.Hosting.Testing;

/// <summary>How a test runs an AppHost: quiet, on free ports, without injected faults unless asked.</summary>
public sealed class DistributedApplicationTestingOptions
{
    /// <summary>The fault profile of every service (<c>Faults:Profile</c>).</summary>
    public string Faults { get; set; } = "none";

    public string EnvironmentName { get; set; } = Environments.Development;

    /// <summary>Where the children's console lines go, e.g. a test's output; nowhere by default.</summary>
    public Action<string>? ConsoleOutput { get; set; }

    /// <summary>AppHost configuration that wins over everything else, these defaults included.</summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    internal DistributedApplicationOptions ToApplicationOptions(IReadOnlyList<string> args)
    {
        var settings = new Dictionary<string, string?>
        {
            // Every endpoint on a free port, the gateway's and the dashboard's fixed ones included: tests run side by side.
            ["AppHost:RandomPorts"] = "true",
            ["Faults:Profile"] = Faults,
            ["Faults:AllowRequestOverrides"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        return new DistributedApplicationOptions
        {
            Args = args,
            EnvironmentName = EnvironmentName,
            ConsoleOutput = ConsoleOutput ?? (_ => { }),
            Settings = settings,
        };
    }
}
