using System.Globalization;

namespace Profiles.Load.Driving;

/// <summary>
/// One kind of profile request a scenario sends: the fan-out mode, the budget, hedging, how many
/// posts `activity` streams (the gateway's default when null), and the backends' latency as an
/// <c>x-fault</c> header (none when null: the system's fault profile and live faults then apply).
/// Member ids vary per request, so that no single grain activation (one per member) serializes the
/// load, over <see cref="Members"/> ids from <see cref="FirstMember"/>.
/// </summary>
public sealed record ProfileRequest(string Mode, string? Fault, TimeSpan Budget, bool Hedging = true, int? Posts = null)
{
    public const int MemberIds = 100_000;

    public long FirstMember { get; init; } = 1;

    /// <summary>How many members the requests spread over; the stride below is coprime with any count not divisible by 7,919.</summary>
    public int Members { get; init; } = MemberIds;

    public long MemberOf(long sequence) => FirstMember + (sequence * 7_919 % Members);

    /// <summary>
    /// Names the view the request records (<c>Idempotency-Key</c>): HttpClient sends a GET again by
    /// itself when a reused connection closes before the answer begins, and the gateway then counts
    /// that one view, as the chaos ledger counts it.
    /// </summary>
    public static HttpRequestMessage WithViewOfItsOwn(HttpRequestMessage request)
    {
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("D"));
        return request;
    }

    public HttpRequestMessage Create(long sequence)
    {
        // A stride coprime with the range spreads consecutive requests over distinct members.
        var memberId = MemberOf(sequence);
        var uri = string.Create(CultureInfo.InvariantCulture,
            $"/api/profiles/{memberId}?viewer={1 + (sequence % 1_000)}&mode={Mode}&budget={(int)Budget.TotalMilliseconds}&hedge={(Hedging ? "on" : "off")}{(Posts is { } posts ? $"&posts={posts}" : "")}");
        var request = WithViewOfItsOwn(new HttpRequestMessage(HttpMethod.Get, new Uri(uri, UriKind.Relative)));
        if (Fault is not null)
        {
            request.Headers.Add("x-fault", Fault);
        }

        return request;
    }
}
