namespace Profiles.AppHost.Hosting;

/// <summary>Something in the app model, known by a name unique in the application.</summary>
public interface IResource
{
    string Name { get; }
}
