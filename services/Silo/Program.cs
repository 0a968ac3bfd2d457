using Profiles.Silo;
using Profiles.Simulation;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddSimulation();

// Clustering, endpoints, grain storage and tracing all come from the "Orleans" configuration
// section, the way .NET Aspire configures a silo; the lambda adds only what configuration cannot say.
builder.UseOrleans(silo => silo.AddIncomingGrainCallFilter<SimulatedBackendFilter>());
builder.Services.AddHealthChecks().AddCheck<SiloActiveHealthCheck>("silo");

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapBackendDiagnostics();

app.Run();
