namespace Profiles.System.Tests;

/// <summary>Generous bounds for waits, tied to the test's own cancellation.</summary>
internal static class TestTimeouts
{
    public static CancellationToken Within(int seconds)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        source.CancelAfter(TimeSpan.FromSeconds(seconds));
        return source.Token;
    }
}
