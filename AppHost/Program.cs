using Microsoft.Extensions.Configuration;
using Profiles.AppHost.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

var orleans = builder.AddOrleans("profiles")
    .WithDevelopmentClustering()
    .WithMemoryGrainStorage("Default");

var silo = builder.AddProject<Projects.Silo>("silo")
    .WithReference(orleans)
    .WithReplicas(builder.Configuration.GetValue("Silo:Replicas", 1));

var members = builder.AddProject<Projects.Members>("members")
    .WithGrpcEndpoint();

var experience = builder.AddProject<Projects.Experience>("experience")
    .WithGrpcEndpoint();

var network = builder.AddProject<Projects.Network>("network")
    .WithGrpcEndpoint()
    .WithReference(orleans.AsClient())
    .WaitFor(silo);

var skills = builder.AddProject<Projects.Skills>("skills")
    .WithGrpcEndpoint();

var activity = builder.AddProject<Projects.Activity>("activity")
    .WithGrpcEndpoint();

builder.AddProject<Projects.Gateway>("gateway")
    .WithHttpEndpoint(port: builder.Configuration.GetValue("Gateway:Port", 5080))
    // The web page links a profile's trace to the dashboard.
    .WithEnvironment("Dashboard__Url", () => builder.Dashboard.Url.ToString())
    .WithReference(members).WaitFor(members)
    .WithReference(experience).WaitFor(experience)
    .WithReference(network).WaitFor(network)
    .WithReference(skills).WaitFor(skills)
    .WithReference(activity).WaitFor(activity)
    .WithReference(orleans.AsClient()).WaitFor(silo);

builder.Build().Run();

/// <summary>Public so that tests can start this AppHost with DistributedApplicationTestingBuilder.</summary>
public partial class Program;
