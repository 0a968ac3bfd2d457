namespace Profiles.AppHost.Tests;

internal static class Output
{
    public static void Write(string line)
    {
        try
        {
            TestContext.Current.TestOutputHelper?.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // A line that arrives after its test ended has no test to go to.
        }
    }
}
