using Profiles.Backends;
using Profiles.Simulation;
using Profiles.Simulation.Grpc;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSimulatedBackend<NetworkService>(Parts.Network);
builder.AddPresenceLookups();

// Finds the silo through the Orleans configuration section (Orleans:Clustering:Gateways), which the AppHost sets.
builder.UseOrleansClient();

var app = builder.Build();
app.MapSimulatedBackend<NetworkService>();
app.Run();
