using Microsoft.Extensions.Configuration;
using Profiles.AppHost.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

var backend = builder.AddProject<Projects.StandIn>("backend")
    .WithGrpcEndpoint()
    .WithReplicas(2);

builder.AddProject<Projects.StandIn>("gateway")
    .WithHttpEndpoint(port: builder.Configuration.GetValue("Gateway:Port", 5080))
    .WithReference(backend).WaitFor(backend);

builder.Build().Run();

/// <summary>Public so that tests can start this AppHost with DistributedApplicationTestingBuilder.</summary>
public partial class Program;
