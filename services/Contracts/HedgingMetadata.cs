using Grpc.Core;

namespace Profiles.Contracts;

/// <summary>
/// The request's <c>hedge=off</c> as gRPC metadata, so that a backend that fans out again (network's
/// presence lookups) hedges its own calls only when the caller hedges. Absent means hedge.
/// </summary>
public static class HedgingMetadata
{
    public const string HeaderName = "x-hedge";

    public const string Off = "off";

    public static bool IsHedgingOn(Metadata headers) => headers.GetValue(HeaderName) != Off;
}
