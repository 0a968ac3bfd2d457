using Microsoft.AspNetCore.Components;

namespace Profiles.AppHost.Dashboard.Pages.Common;

/// <summary>
/// A component that re-reads its data on a short period while it is on screen. Telemetry arrives
/// in batches every second or so, so polling the in-memory stores is as live as a push would be,
/// and it cannot flood a circuit when a burst of requests produces thousands of spans at once.
/// </summary>
public abstract class LiveComponent : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource disposed = new();

    protected virtual TimeSpan RefreshPeriod => TimeSpan.FromSeconds(1);

    /// <summary>Pauses the refresh, e.g. while the reader scrolls back through a log.</summary>
    protected bool Paused { get; set; }

    /// <summary>Re-reads the data the page shows; called before the first render and on every tick.</summary>
    protected abstract void Refresh();

    protected override void OnInitialized() => Refresh();

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _ = RefreshPeriodicallyAsync(disposed.Token);
        }
    }

    public void Dispose()
    {
        disposed.Cancel();
        disposed.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task RefreshPeriodicallyAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RefreshPeriod);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (!Paused)
                {
                    await InvokeAsync(() =>
                    {
                        Refresh();
                        StateHasChanged();
                    });
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The page was left.
        }
    }
}
