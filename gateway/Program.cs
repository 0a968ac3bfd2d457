using Profiles.Gateway;
using Profiles.Gateway.Diagnostics;
using Profiles.Gateway.Page;
using Profiles.Gateway.Profiles;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddProfileFanOut();
builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemTraceIds.UseTraceIdOfTheProfile);

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

// The web page (wwwroot/index.html at /) is a client of the API below, like any other.
app.UseDefaultFiles();
app.UseStaticFiles();

app.MapDefaultEndpoints();
app.MapProfileApi();
app.MapRuntimeDiagnostics();
app.MapPageConfig();

app.Run();
