using Profiles.Backends;
using Profiles.Contracts;
using Profiles.Simulation;
using Profiles.Simulation.Grpc;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSimulatedBackend<NetworkService>(PartNames.Network);
builder.AddPresenceLookups();

// Finds the silos' gateways in the Redis membership table that Aspire.Hosting.Orleans configures.
builder.AddKeyedRedisClient("redis");
builder.UseOrleansClient();

var app = builder.Build();
app.MapSimulatedBackend<NetworkService>();
app.Run();
