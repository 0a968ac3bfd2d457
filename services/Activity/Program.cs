using Profiles.Backends;
using Profiles.Contracts;
using Profiles.Simulation;
using Profiles.Simulation.Grpc;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSimulatedBackend<ActivityService>(PartNames.Activity);
builder.Services.Configure<ActivityOptions>(builder.Configuration.GetSection(ActivityOptions.SectionName));

var app = builder.Build();
app.MapSimulatedBackend<ActivityService>();
app.Run();
