namespace Profiles.Load.Scenarios;

/// <summary>Every scenario, by the name it is run with: <c>dotnet run --project tests/Load -- {name}</c>.</summary>
public static class ScenarioCatalog
{
    public static IReadOnlyList<IScenario> All { get; } =
    [
        new FanoutScenario(),
        new BlockingScenario(),
        new InflightScenario(),
        new TailScenario(),
        new StormScenario(),
        new CancelScenario(),
        new CostScenario(),
        new PeersScenario(),
        new ChaosScenario(),
        new OverloadScenario(),
    ];

    public static IScenario? Find(string name) =>
        All.FirstOrDefault(scenario => string.Equals(scenario.Name, name, StringComparison.OrdinalIgnoreCase));
}
