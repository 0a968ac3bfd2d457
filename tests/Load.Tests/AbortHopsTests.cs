using System.Diagnostics;
using Profiles.Fixtures.Otlp;
using Profiles.Load.Measurement;

namespace Profiles.Load.Tests;

public sealed class AbortHopsTests
{
    private static readonly DateTimeOffset AbortedAt = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_hop_is_timed_from_the_abort_and_a_backend_is_placed_under_its_part()
    {
        var request = Span("gateway", "GET /api/profiles/{id}", ActivityKind.Server, ActivitySpanId.CreateRandom(), endMs: 5);
        var members = Span("gateway", "profile.part members", ActivityKind.Internal, request.SpanId, endMs: 1);
        var membersCall = Span("gateway", "POST", ActivityKind.Client, members.SpanId, endMs: 1);
        var membersServer = Span("members", "profiles.Members/Get", ActivityKind.Server, membersCall.SpanId, endMs: 3);
        var network = Span("gateway", "profile.part network", ActivityKind.Internal, request.SpanId, endMs: 2);
        var networkCall = Span("gateway", "POST", ActivityKind.Client, network.SpanId, endMs: 2);
        var networkServer = Span("network", "profiles.Network/Get", ActivityKind.Server, networkCall.SpanId, endMs: 4);
        var lookup = Span("network", "IPresenceGrain/Get", ActivityKind.Client, networkServer.SpanId, endMs: 4);
        var lookupServer = Span("silo", "IPresenceGrain/Get", ActivityKind.Server, lookup.SpanId, endMs: 6);
        var hops = new AbortHops();

        // The silo's span twice, as when an export is retried.
        hops.Record([request, members, membersCall, membersServer, network, networkCall, networkServer, lookup, lookupServer, lookupServer], AbortedAt);

        var table = hops.Table().ToString();
        Assert.Equal(1, hops.Traces);
        Assert.Equal(1, MarkdownTables.Figure(table, "p50 (ms)", "the gateway's first part ends"), 0.01);
        Assert.Equal(2, MarkdownTables.Figure(table, "p50 (ms)", "the gateway's last part ends"), 0.01);
        Assert.Equal(5, MarkdownTables.Figure(table, "p50 (ms)", "the gateway's request ends"), 0.01);
        Assert.Equal(3, MarkdownTables.Figure(table, "p50 (ms)", "members (members): its server span ends"), 0.01);
        Assert.Equal(4, MarkdownTables.Figure(table, "p50 (ms)", "network (network): its server span ends"), 0.01);
        Assert.Equal(6, MarkdownTables.Figure(table, "p50 (ms)", "network, then silo (nested): its server span ends"), 0.01);
        Assert.Equal(1, MarkdownTables.Figure(table, "spans", "network, then silo (nested): its server span ends"));
    }

    [Fact]
    public void A_trace_whose_gateway_spans_have_not_arrived_is_not_counted()
    {
        var hops = new AbortHops();

        hops.Record([Span("members", "profiles.Members/Get", ActivityKind.Server, ActivitySpanId.CreateRandom(), endMs: 3)], AbortedAt);

        Assert.Equal(0, hops.Traces);
        Assert.DoesNotContain("server span ends", hops.Table().ToString(), StringComparison.Ordinal);
    }

    private static CapturedSpan Span(string service, string name, ActivityKind kind, ActivitySpanId parent, double endMs) =>
        new(service, name, kind, ActivitySpanId.CreateRandom(), parent, AbortedAt.AddMilliseconds(-10), AbortedAt.AddMilliseconds(endMs));
}
