using Profiles.Silo;
using Profiles.Simulation;
using Profiles.Simulation.Admin;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddSimulation();

// Clustering, endpoints and grain storage come from the "Orleans" configuration section that
// Aspire.Hosting.Orleans writes; its Redis providers resolve the connection registered under the
// Redis resource's name. The lambda adds only what configuration cannot say.
builder.AddKeyedRedisClient("redis");
builder.UseOrleans(silo => silo.AddIncomingGrainCallFilter<SimulatedBackendFilter>());
builder.Services.AddHealthChecks().AddCheck<SiloActiveHealthCheck>("silo");

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapBackendDiagnostics();
app.MapFaultAdmin();

app.Run();
