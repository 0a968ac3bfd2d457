namespace Profiles.System.Tests.BadInput;

/// <summary>
/// What a hostile request may be answered with, beyond what holds for every one of them: a 200
/// profile or a 4xx problem detail, never a 5xx.
/// </summary>
internal sealed record Expectation
{
    public static readonly Expectation Answer = new();

    /// <summary>
    /// Malformed HTTP, which Kestrel may refuse before any of the gateway's code runs: a 4xx with
    /// an empty body and <c>Connection: close</c>, not a problem detail, since no middleware sees it.
    /// </summary>
    public bool KestrelMayRefuse { get; init; }

    /// <summary>Over one of Kestrel's limits: exactly this status from Kestrel, or the connection closed before an answer.</summary>
    public int? Limit { get; init; }

    /// <summary>Parameters the gateway must name in a 400 problem's <c>errors</c>.</summary>
    public IReadOnlyList<string> Rejects { get; init; } = [];

    /// <summary>Parameters a 400 problem must not name: they were valid.</summary>
    public IReadOnlyList<string> Accepts { get; init; } = [];

    public Expectation Rejecting(string parameter) => this with { Rejects = [.. Rejects, parameter] };

    public Expectation Accepting(string parameter) => this with { Accepts = [.. Accepts, parameter] };

    public Expectation And(Expectation other) => new()
    {
        KestrelMayRefuse = KestrelMayRefuse || other.KestrelMayRefuse,
        Limit = Limit ?? other.Limit,
        Rejects = [.. Rejects, .. other.Rejects],
        Accepts = [.. Accepts, .. other.Accepts],
    };

    public override string ToString() =>
        Limit is { } limit
            ? $"expected: Kestrel's {limit}, or the connection closed"
            : "expected: a profile or a 4xx problem" + string.Concat(new[]
            {
                KestrelMayRefuse ? ", or Kestrel's refusal" : null,
                Rejects.Count > 0 ? $"; a 400 naming {string.Join(", ", Rejects)}" : null,
                Accepts.Count > 0 ? $"; never naming {string.Join(", ", Accepts)}" : null,
            }.OfType<string>());
}
