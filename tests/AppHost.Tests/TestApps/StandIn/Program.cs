var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

var app = builder.Build();
app.MapDefaultEndpoints();

// The configuration as the process sees it, so that tests can check what the AppHost injected.
app.MapGet("/config", (IConfiguration configuration) =>
    configuration.AsEnumerable()
        .Where(setting => setting.Value is not null)
        .ToDictionary(setting => setting.Key, setting => setting.Value));

app.MapPost("/crash", () =>
{
    _ = CrashSoonAsync();
    return Results.Accepted();
});

// A slow start keeps /health unreachable for a while, to show what waits for it.
await Task.Delay(app.Configuration.GetValue("StandIn:StartupDelay", TimeSpan.Zero));
await app.RunAsync();

// Long enough for the 202 to reach the caller.
static async Task CrashSoonAsync()
{
    await Task.Delay(TimeSpan.FromMilliseconds(200));
    Environment.Exit(3);
}
