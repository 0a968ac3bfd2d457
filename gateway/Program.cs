using Profiles.Gateway;
using Profiles.Gateway.Profiles;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddProfileFanOut();
builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemTraceIds.UseTraceIdOfTheProfile);

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapDefaultEndpoints();
app.MapProfileApi();

app.Run();
