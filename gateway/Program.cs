using Profiles.Gateway;
using Profiles.Gateway.Profiles;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddProfileFanOut();
builder.Services.AddProblemDetails();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapDefaultEndpoints();
app.MapProfileApi();

app.Run();
