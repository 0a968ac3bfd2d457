using Profiles.Contracts.Experience;

namespace Profiles.Simulation.Data;

/// <summary>Months counted from year 0, so that stepping back through a career is subtraction.</summary>
internal static class YearMonths
{
    public static int Index(DateTimeOffset date) => date.Year * 12 + date.Month - 1;

    public static YearMonth At(int index) => new() { Year = index / 12, Month = index % 12 + 1 };
}
