using Grpc.Core;
using Profiles.Contracts.Faults;
using Profiles.Simulation.Faults;

namespace Profiles.Services.Tests;

internal static class FaultMetadata
{
    public static Metadata Of(string plan) => new() { { FaultPlan.HeaderName, plan } };
}
