using Profiles.Contracts.Network;

namespace Profiles.Simulation.Data;

/// <summary>
/// Who is connected to whom. Members connect only within a neighbourhood of ids, the way people
/// cluster by school, employer and city, so two nearby members share connections and most
/// viewers of a profile are a second or third degree away; a member far off is out of network.
/// Whether two members are connected depends on the pair alone, so the graph is symmetric and
/// any process computes the same one.
/// </summary>
internal sealed class ConnectionGraph(MemberRangeOptions range)
{
    /// <summary>How far apart (in ids) two members can be and still be connected.</summary>
    public const int Neighbourhood = 200;

    public IReadOnlyList<long> ConnectionsOf(long memberId)
    {
        var connections = new List<long>();
        var first = Math.Max(range.MinId, memberId - Neighbourhood);
        var last = Math.Min(range.MaxId, memberId + Neighbourhood);
        for (var other = first; other <= last; other++)
        {
            if (AreConnected(memberId, other))
            {
                connections.Add(other);
            }
        }

        return connections;
    }

    public IReadOnlyList<long> MutualConnections(long memberId, long viewerId) =>
        memberId == viewerId ? [] : ConnectionsOf(memberId).Where(other => AreConnected(viewerId, other)).ToArray();

    public Degree DegreeOf(long memberId, long viewerId)
    {
        if (memberId == viewerId)
        {
            return Degree.Self;
        }

        if (AreConnected(memberId, viewerId))
        {
            return Degree.First;
        }

        if (Math.Abs(memberId - viewerId) > 3 * Neighbourhood)
        {
            return Degree.OutOfNetwork;
        }

        var ofMember = ConnectionsOf(memberId);
        if (ofMember.Any(other => AreConnected(viewerId, other)))
        {
            return Degree.Second;
        }

        var ofViewer = ConnectionsOf(viewerId);
        return ofMember.Any(x => ofViewer.Any(y => AreConnected(x, y))) ? Degree.Third : Degree.OutOfNetwork;
    }

    private bool AreConnected(long a, long b) =>
        a != b
        && Math.Abs(a - b) <= Neighbourhood
        && range.Contains(a)
        && range.Contains(b)
        && Seed.ForPair(a, b) < (Sociability(a) + Sociability(b)) / 2;

    /// <summary>How readily a member connects, from 0.15 to 0.65: some people know everyone.</summary>
    private static double Sociability(long memberId) => 0.15 + 0.5 * Seed.Fraction(memberId, Seed.Section.Network);
}
