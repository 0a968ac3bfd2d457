using CsCheck;

namespace Profiles.System.Tests.BadInput;

/// <summary>
/// Every kind of hostile request the fuzz sends, by category: member ids, query strings and their
/// combinations, <c>x-fault</c> headers, trace headers, bodies on a GET, malformed HTTP, and
/// requests over Kestrel's limits. A tenth of those that can be streams ask for <c>/stream</c>.
/// </summary>
internal static class HostileRequests
{
    private static readonly Gen<string> Stream = Gen.Frequency((9, Gen.Const("")), (1, Gen.Const("/stream")));

    /// <summary>For categories about something else: mostly a query that is valid, so that the request gets as far as it can.</summary>
    private static readonly Gen<(string Query, Expectation Expected)> MostlyValidQuery = Gen.Frequency(
        (2, QueryStrings.GenerousBudget.Select(budget => ("?" + budget, Expectation.Answer))),
        (1, QueryStrings.Any));

    private static readonly Gen<HostileRequest> Ids =
        from id in MemberIds.Any
        from stream in Stream
        from budget in QueryStrings.GenerousBudget
        select RequestText.Get("id", $"/api/profiles/{id.Segment}{(id.OnRoute ? stream : "")}?{budget}", [], ForSegment(id.Segment));

    private static readonly Gen<HostileRequest> Queries =
        from id in Gen.Frequency((3, MemberIds.Existing.Select(segment => (segment, true))), (1, MemberIds.Any))
        from stream in Stream
        from query in QueryStrings.Any
        select RequestText.Get(
            "query",
            $"/api/profiles/{id.Item1}{(id.Item2 ? stream : "")}{query.Query}",
            [],
            id.Item2 ? query.Expected.And(ForSegment(id.Item1)) : Expectation.Answer);

    /// <summary>A plan that would rightly fail the request goes with a budget the parser refuses: it is parsed, never run.</summary>
    private static readonly Gen<HostileRequest> Faults =
        from id in MemberIds.Existing
        from stream in Stream
        from query in MostlyValidQuery
        from plan in FaultHeaders.Any
        let headers = plan.Lines.Select(line => ("x-fault", ByteText.Utf8(line)))
        select plan.Kind == PlanKind.Harmful
            ? RequestText.Get("x-fault", $"/api/profiles/{id}{stream}?budget=0", headers, Expectation.Answer.Rejecting("budget").Accepting("x-fault"))
            : RequestText.Get("x-fault", $"/api/profiles/{id}{stream}{query.Query}", headers, query.Expected.And(ForPlan(plan.Kind)));

    private static readonly Gen<HostileRequest> Traces =
        from id in MemberIds.Existing
        from stream in Stream
        from budget in QueryStrings.GenerousBudget
        from headers in TraceHeaders.Any
        select RequestText.Get("traceparent", $"/api/profiles/{id}{stream}?{budget}", headers, Expectation.Answer);

    private static readonly Gen<HostileRequest> WithBodies =
        from id in MemberIds.Existing
        from query in MostlyValidQuery
        from body in Bodies.Any
        select RequestText.Get("body", $"/api/profiles/{id}{query.Query}", body.Headers, query.Expected with { KestrelMayRefuse = body.Malformed }, body.Body);

    private static readonly Gen<HostileRequest> Malformed =
        MalformedHttp.Any.Select(bytes => new HostileRequest("http", bytes, new Expectation { KestrelMayRefuse = true }));

    public static readonly Gen<HostileRequest> Any = Gen.Frequency(
        (15, Ids), (25, Queries), (25, Faults), (10, Traces), (10, WithBodies), (10, Malformed), (5, OverLimits.Any));

    /// <summary>A percent-encoded NUL in the path is refused by Kestrel, which decodes the path; other control characters reach the gateway.</summary>
    private static Expectation ForSegment(string segment) =>
        segment.Contains("%00", StringComparison.Ordinal) ? new Expectation { KestrelMayRefuse = true } : Expectation.Answer;

    private static Expectation ForPlan(PlanKind kind) =>
        kind == PlanKind.Invalid ? Expectation.Answer.Rejecting("x-fault") : Expectation.Answer.Accepting("x-fault");
}
