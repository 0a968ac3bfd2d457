namespace Profiles.System.Tests;

[CollectionDefinition(nameof(WholeSystem))]
public sealed class WholeSystem : ICollectionFixture<SystemFixture>;
