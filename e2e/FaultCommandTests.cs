using static Microsoft.Playwright.Assertions;

namespace Profiles.E2E;

/// <summary>
/// The dashboard's fault commands, clicked where a person would click them, seen where a person
/// would look: the next profile on the gateway's page.
/// </summary>
[Collection(nameof(BrowserAndSystem))]
public sealed class FaultCommandTests(SystemFixture system) : BrowserTest(system)
{
    [Fact]
    public async Task Hang_on_skills_degrades_the_next_profile_and_heal_brings_it_back_complete()
    {
        var dashboard = new DashboardPage(Page, System.DashboardUrl, System.LoginUrl);
        var profile = new ProfilePage(await Page.Context.NewPageAsync());
        await dashboard.LogInAsync();
        await profile.OpenAsync();
        var skills = dashboard.Row("skills");
        await Expect(DashboardPage.StateCell(skills)).ToHaveAttributeAsync("title", "Running", ProfilePage.Patiently);

        try
        {
            await dashboard.RunCommandAsync("skills", "Hang");
            await profile.FillAsync(budget: 2000);
            await profile.LoadAsync();

            await Expect(profile.Card).ToHaveAttributeAsync("data-state", "degraded");
            await Expect(profile.Section("skills")).ToHaveAttributeAsync("data-state", "timeout");
            await Expect(profile.Section("members")).ToHaveAttributeAsync("data-state", "ok");
            await dashboard.RunCommandAsync("skills", "Heal");
        }
        catch
        {
            // The tests after this one get a skills that answers, and this failure is the one reported.
            await System.System.ExecuteCommandAsync("skills", "fault-heal", CancellationToken.None);
            throw;
        }

        await profile.FillAsync(budget: 5000);
        await profile.LoadAsync();

        await Expect(profile.Section("skills")).ToHaveAttributeAsync("data-state", "ok");
        await Expect(profile.Card).Not.ToHaveAttributeAsync("data-state", "degraded");
    }
}
