using Profiles.Gateway;
using Profiles.Gateway.Diagnostics;
using Profiles.Gateway.Hosting;
using Profiles.Gateway.Page;
using Profiles.Gateway.Profiles;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddFrontDoor();
builder.AddAdmissionControl();
builder.AddProfileFanOut();
builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemTraceIds.UseTraceIdOfTheProfile);

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRateLimiter();

// The web page (wwwroot/index.html at /) is a client of the API below, like any other.
app.UseDefaultFiles();
app.UseStaticFiles();

app.MapDefaultEndpoints();
app.MapProfileApi();
app.MapRuntimeDiagnostics();
app.MapPageConfig();

app.Run();
