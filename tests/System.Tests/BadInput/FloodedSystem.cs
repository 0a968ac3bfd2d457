namespace Profiles.System.Tests.BadInput;

/// <summary>
/// A system of its own for the fuzz. Its fifteen thousand requests leave the dashboard a backlog of
/// the gateway's spans that took it over a minute to take in (docs/reliability.md, "Bad input"),
/// and a test that reads a trace back from a shared dashboard would wait behind that backlog.
/// </summary>
[CollectionDefinition(nameof(FloodedSystem))]
public sealed class FloodedSystem : ICollectionFixture<SystemFixture>;
