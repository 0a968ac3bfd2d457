using Profiles.AppHost.Hosting;
using Profiles.AppHost.Hosting.Orchestration;

namespace Profiles.AppHost.Tests;

public sealed class RestartTests
{
    [Fact]
    public async Task A_process_that_crashes_comes_back_after_a_growing_back_off()
    {
        var builder = StandIns.CreateBuilder();
        builder.AddProject("crashy", StandIns.ProjectPath);
        await using var app = builder.Build();
        await app.StartAsync(StandIns.Within(60));
        await app.WaitForHealthyAsync(StandIns.Within(60));
        await using var recorder = new SnapshotRecorder(app);
        var firstProcess = Assert.Single(app.GetProcessIds());

        var afterFirstCrash = await CrashAndWaitForRecoveryAsync(app, restartCount: 1);
        var afterSecondCrash = await CrashAndWaitForRecoveryAsync(app, restartCount: 2);

        Assert.NotEqual(firstProcess, afterFirstCrash.ProcessId);
        Assert.NotEqual(afterFirstCrash.ProcessId, afterSecondCrash.ProcessId);
        Assert.True(StandIns.IsGone(firstProcess));
        var seen = recorder.Seen;
        var firstRestart = recorder.IndexOfFirst("crashy", ResourceState.Restarting);
        var secondRestart = recorder.IndexOfFirst("crashy", ResourceState.Restarting, firstRestart + 1);
        Assert.Equal(3, seen[firstRestart].Snapshot.ExitCode);
        Assert.True(BackOff(recorder, firstRestart) >= TimeSpan.FromSeconds(0.9), $"first back-off {BackOff(recorder, firstRestart)}");
        Assert.True(BackOff(recorder, secondRestart) >= TimeSpan.FromSeconds(1.9), $"second back-off {BackOff(recorder, secondRestart)}");
    }

    private static async Task<ReplicaSnapshot> CrashAndWaitForRecoveryAsync(DistributedApplication app, int restartCount)
    {
        using var client = app.CreateHttpClient("crashy");
        using var response = await client.PostAsync("/crash", content: null, StandIns.Within(10));
        response.EnsureSuccessStatusCode();
        return await app.ResourceNotifications.WaitForResourceAsync(
            "crashy", snapshot => snapshot.State == ResourceState.Running && snapshot.RestartCount == restartCount, StandIns.Within(60));
    }

    private static TimeSpan BackOff(SnapshotRecorder recorder, int restartingIndex)
    {
        var restartedIndex = recorder.IndexOfFirst("crashy", ResourceState.Starting, restartingIndex);
        return recorder.Seen[restartedIndex].SeenAt - recorder.Seen[restartingIndex].SeenAt;
    }
}
