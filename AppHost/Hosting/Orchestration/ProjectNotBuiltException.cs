namespace Profiles.AppHost.Hosting.Orchestration;

/// <summary>A resource's assembly is missing: the AppHost runs build output and never builds.</summary>
public sealed class ProjectNotBuiltException(IReadOnlyList<string> missingAssemblies) : Exception(
    $"Not built: {string.Join(", ", missingAssemblies)}. The AppHost runs the services' build output; build them first "
    + $"with `dotnet build AppHost -c {ProjectOutput.Configuration}` (`dotnet run --project AppHost` does it too).")
{
    public IReadOnlyList<string> MissingAssemblies { get; } = missingAssemblies;
}
