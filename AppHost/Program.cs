using Aspire.Hosting;
using Microsoft.Extensions.Configuration;

var builder = DistributedApplication.CreateBuilder(args)
    .WithProjectsEndingWithTheAppHost();

if (RedisServerExtensions.FindRedisServer() is not { } redisServer)
{
    Console.Error.WriteLine(RedisServerExtensions.InstallHint);
    return 1;
}

// Orleans keeps its membership table and the grains' state in Redis, so silos find each other
// and a view count outlives the silo that counted it.
var redis = builder.AddRedisServer("redis", redisServer).WithRestartOnCrash();

var orleans = builder.AddOrleans("profiles")
    .WithClustering(redis)
    .WithGrainStorage("Default", redis);

var faults = FaultSettings.For(builder);

var silo = builder.AddProject<Projects.Silo>("silo")
    .WithReference(orleans)
    .WaitFor(redis)
    .WithReplicas(builder.Configuration.GetValue("Silo:Replicas", 2))
    .WithFaults(faults)
    .WithRestartOnCrash();

var members = builder.AddProject<Projects.Members>("members").WithFaults(faults).WithRestartOnCrash();
var experience = builder.AddProject<Projects.Experience>("experience").WithFaults(faults).WithRestartOnCrash();
var network = builder.AddProject<Projects.Network>("network")
    .WithReference(orleans.AsClient())
    .WaitFor(silo)
    .WithFaults(faults)
    .WithRestartOnCrash();
var skills = builder.AddProject<Projects.Skills>("skills").WithFaults(faults).WithRestartOnCrash();
var activity = builder.AddProject<Projects.Activity>("activity").WithFaults(faults).WithRestartOnCrash();

builder.AddProject<Projects.Gateway>("gateway")
    .WithHttpHealthCheck("/health")
    .WithoutHttpsCertificate()
    .WithRestartOnCrash()
    .WithReadyMessage("Gateway")
    .WithPageUrls()
    .WithDashboardLink()
    .WithReference(members).WaitFor(members)
    .WithReference(experience).WaitFor(experience)
    .WithReference(network).WaitFor(network)
    .WithReference(skills).WaitFor(skills)
    .WithReference(activity).WaitFor(activity)
    .WithReference(orleans.AsClient()).WaitFor(silo);

builder.Build().Run();
return 0;
