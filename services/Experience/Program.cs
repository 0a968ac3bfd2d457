using Profiles.Backends;
using Profiles.Contracts;
using Profiles.Simulation;
using Profiles.Simulation.Grpc;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSimulatedBackend<ExperienceService>(PartNames.Experience);

var app = builder.Build();
app.MapSimulatedBackend<ExperienceService>();
app.Run();
