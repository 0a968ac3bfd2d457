using System.Reflection;
using System.Runtime.Versioning;

namespace Profiles.AppHost.Hosting.Orchestration;

/// <summary>
/// Where a project's build put its assembly. The AppHost never builds: its ProjectReferences built
/// every service with it, in its own configuration and target framework.
/// </summary>
internal static class ProjectOutput
{
    private static readonly Assembly AppHostAssembly = typeof(ProjectOutput).Assembly;

    public static string Configuration { get; } =
        AppHostAssembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string TargetFramework { get; } = TargetFrameworkMoniker();

    /// <summary>The dotnet host running the AppHost, so that the children run on the same runtime.</summary>
    public static string DotNetHost { get; } =
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet"
            ? Environment.ProcessPath!
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    public static string AssemblyPath(ProjectResource project) =>
        Path.Combine(
            Path.GetDirectoryName(project.ProjectPath)!,
            "bin",
            Configuration,
            TargetFramework,
            Path.GetFileNameWithoutExtension(project.ProjectPath) + ".dll");

    public static void EnsureBuilt(IEnumerable<ProjectResource> projects)
    {
        var missing = projects.Select(AssemblyPath).Where(path => !File.Exists(path)).ToList();
        if (missing.Count > 0)
        {
            throw new ProjectNotBuiltException(missing);
        }
    }

    private static string TargetFrameworkMoniker()
    {
        var frameworkName = new FrameworkName(AppHostAssembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName);
        return $"net{frameworkName.Version.Major}.{frameworkName.Version.Minor}";
    }
}
