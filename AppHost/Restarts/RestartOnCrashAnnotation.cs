namespace Aspire.Hosting.ApplicationModel;

/// <summary>Marks a resource whose processes the AppHost starts again when they crash (<see cref="CrashRestarter"/>).</summary>
public sealed class RestartOnCrashAnnotation : IResourceAnnotation;
