using System.Runtime.CompilerServices;

namespace Profiles.E2E;

/// <summary>
/// The README's pictures are tracked files: a test writes them only when asked to, with
/// <c>E2E_WRITE_SCREENSHOTS=1 dotnet test e2e</c>, so an ordinary run leaves the working tree clean.
/// </summary>
public static class ReadmeScreenshots
{
    public const string Variable = "E2E_WRITE_SCREENSHOTS";

    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) == "1";

    public static void SkipUnlessEnabled() =>
        Assert.SkipUnless(Enabled, $"Set {Variable}=1 to write the README's screenshots.");

    /// <summary>docs/images/ of this repository, found from this file's own path.</summary>
    public static string PathOf(string fileName, [CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "docs", "images", fileName);
}
