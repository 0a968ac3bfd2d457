namespace Profiles.Silo.Tests;

/// <summary>Waits for what the silo does in its own time, within a bound that is generous on a busy machine.</summary>
internal static class Eventually
{
    private static readonly TimeSpan GenerousBound = TimeSpan.FromSeconds(10);

    public static async Task TrueAsync(Func<bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(GenerousBound);
        while (!condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }
}
