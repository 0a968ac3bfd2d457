using System.Collections.Concurrent;
using System.Globalization;

namespace Profiles.System.Tests.BadInput;

/// <summary>How many requests of each category were sent, and what answered them.</summary>
internal sealed class Tally
{
    private readonly ConcurrentDictionary<(string Category, string Answer), int> _counts = new();

    public int Total => _counts.Values.Sum();

    /// <summary>Kestrel's own refusals are told apart from the gateway's answers with the same status.</summary>
    public void Count(string category, RawResponse response) =>
        _counts.AddOrUpdate((category, Answer(response)), 1, (_, count) => count + 1);

    private static string Answer(RawResponse response) => response switch
    {
        { Status: null } => "closed",
        { IsKestrelRefusal: true } => $"{response.Status} (Kestrel)",
        _ => response.Status.Value.ToString(CultureInfo.InvariantCulture),
    };

    public IEnumerable<string> Lines() =>
        _counts.GroupBy(entry => entry.Key.Category, entry => (entry.Key.Answer, entry.Value))
            .OrderByDescending(category => category.Sum(answer => answer.Value))
            .Select(category => string.Create(
                CultureInfo.InvariantCulture,
                $"{category.Key,-12} {category.Sum(answer => answer.Value),6:N0}: {string.Join(", ", category.OrderBy(answer => answer.Answer, StringComparer.Ordinal).Select(answer => $"{answer.Answer} x{answer.Value:N0}"))}"));
}
