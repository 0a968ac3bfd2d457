using Profiles.Backends;
using Profiles.Contracts;
using Profiles.Simulation;
using Profiles.Simulation.Grpc;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSimulatedBackend<MembersService>(PartNames.Members);

var app = builder.Build();
app.MapSimulatedBackend<MembersService>();
app.Run();
