namespace Profiles.AppHost.Hosting;

/// <summary>
/// A project the AppHost can run. The build generates one implementation per service project
/// reference (<c>Projects.Members</c>, ...), as Aspire's SDK does.
/// </summary>
public interface IProjectMetadata
{
    string ProjectPath { get; }
}
