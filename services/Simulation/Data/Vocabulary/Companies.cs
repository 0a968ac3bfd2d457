namespace Profiles.Simulation.Data.Vocabulary;

/// <summary>
/// Company names are a prefix and a suffix that fits the line of work ("Woodgrove Capital",
/// "Northwind Analytics"): hundreds of plausible, fictional companies without a long list of real ones.
/// </summary>
internal static class Companies
{
    private static readonly string[] Prefixes =
    [
        "Contoso", "Fabrikam", "Northwind", "Tailspin", "Woodgrove", "Litware", "Proseware", "Relecloud", "Wingtip", "Lucerne",
        "Alpine", "Coho", "Trey", "VanArsdel", "Adatum", "Lamna", "Humongous", "Southridge", "Wide World", "Blue Harbor",
        "Cedar Point", "Silver Birch", "Ironbridge", "Lakeshore", "Redwood", "Summit", "Brightline", "Greyhaven", "Meridian", "Northstar",
        "Oakridge", "Pinecrest", "Quayside", "Riverbend", "Stonegate", "Tidewater", "Upland", "Westbrook", "Yellowfield", "Zephyr",
    ];

    public static string Pick(Random random, Career career) => $"{random.Pick(Prefixes)} {random.Pick(career.CompanySuffixes)}";
}
