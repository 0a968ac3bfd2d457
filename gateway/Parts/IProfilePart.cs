using Profiles.Gateway.Profiles;
using Profiles.Gateway.Resilience;

namespace Profiles.Gateway.Parts;

/// <summary>
/// One part of a profile: a backend call or a grain call. A part knows nothing of the request's
/// scope: it fetches its section under the deadline and the token it is given.
/// </summary>
public interface IProfilePart
{
    string Name { get; }

    /// <summary>Without a required part there is no profile: its failure fails the request.</summary>
    bool Required { get; }

    /// <summary>
    /// Fetches the section through the part's resilience pipeline. The callee is told
    /// <paramref name="deadlineUtc"/>; <paramref name="cancellationToken"/> stops every attempt;
    /// <paramref name="timeUp"/> fires when the time the part was given is up, and on nothing else,
    /// so that an attempt stopped then is known to have been too slow; <paramref name="attempts"/>
    /// hears of each attempt as it goes out.
    /// </summary>
    Task<object> FetchAsync(ProfileQuery query, AttemptLog attempts, DateTime deadlineUtc, CancellationToken timeUp, CancellationToken cancellationToken);

    /// <summary>Puts a section this part fetched where it belongs in the response.</summary>
    void Place(ProfileResponse response, object section);
}
