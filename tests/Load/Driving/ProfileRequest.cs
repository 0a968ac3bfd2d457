using System.Globalization;

namespace Profiles.Load.Driving;

/// <summary>
/// One kind of profile request a scenario sends: the fan-out mode, the budget, hedging, how many
/// posts `activity` streams (the gateway's default when null), and the backends' latency as an
/// <c>x-fault</c> header. Member ids vary per request over <paramref name="Members"/> ids, so that no
/// single grain activation (one per member) serializes the load.
/// </summary>
public sealed record ProfileRequest(string Mode, string Fault, TimeSpan Budget, bool Hedging = true, int? Posts = null, int Members = ProfileRequest.MemberIds)
{
    public const int MemberIds = 100_000;

    public HttpRequestMessage Create(long sequence)
    {
        // A prime stride, coprime with any range of ids it is not a multiple of, spreads consecutive requests over distinct members.
        var memberId = 1 + (sequence * 7_919 % Members);
        var uri = string.Create(CultureInfo.InvariantCulture,
            $"/api/profiles/{memberId}?viewer={1 + (sequence % 1_000)}&mode={Mode}&budget={(int)Budget.TotalMilliseconds}&hedge={(Hedging ? "on" : "off")}{(Posts is { } posts ? $"&posts={posts}" : "")}");
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(uri, UriKind.Relative));
        request.Headers.Add("x-fault", Fault);
        return request;
    }
}
