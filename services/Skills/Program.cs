using Profiles.Backends;
using Profiles.Contracts;
using Profiles.Simulation;
using Profiles.Simulation.Grpc;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSimulatedBackend<SkillsService>(PartNames.Skills);

var app = builder.Build();
app.MapSimulatedBackend<SkillsService>();
app.Run();
