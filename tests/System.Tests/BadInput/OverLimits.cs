using CsCheck;

namespace Profiles.System.Tests.BadInput;

/// <summary>Requests over Kestrel's size and count limits (<see cref="KestrelLimits"/>); <see cref="RequestText"/> works out which one each goes over.</summary>
internal static class OverLimits
{
    public static readonly Gen<HostileRequest> Any = Gen.Frequency(
        (1, Gen.Int[9_216, 16_384].Select(length =>
            Get($"/api/profiles/42?{QueryBudget}&viewer={new string('1', length)}", []))),
        (1, Gen.Int[40_960, 120_000].Select(length =>
            Get($"/api/profiles/42?{QueryBudget}", [("x-fault", "skills=latency:1ms;" + new string(' ', length))]))),
        (1, Gen.Int[40_960, 120_000].Select(length =>
            Get($"/api/profiles/42?{QueryBudget}", [("x-pad", new string('a', length))]))),
        (1, Gen.Int[KestrelLimits.HeaderCount + 1, 400].Select(count =>
            Get($"/api/profiles/42?{QueryBudget}", [.. Enumerable.Range(0, count).Select(i => ($"x-h{i}", "v"))]))),
        (1, Gen.Int[40, 90].Select(count =>
            Get($"/api/profiles/42?{QueryBudget}", [.. Enumerable.Range(0, count).Select(i => ($"x-h{i}", new string('b', 1_024)))]))));

    private const string QueryBudget = "budget=5000";

    private static HostileRequest Get(string target, (string Name, string Value)[] headers) =>
        RequestText.Get("limits", target, headers, Expectation.Answer);
}
