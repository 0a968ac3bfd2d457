using Profiles.Gateway.Profiles;
using Profiles.Gateway.Scopes;

namespace Profiles.Gateway.Parts;

/// <summary>One part of a profile: a backend call or a grain call, run as a child of the request's scope.</summary>
public interface IProfilePart
{
    string Name { get; }

    /// <summary>Without a required part there is no profile: its failure fails the request.</summary>
    bool Required { get; }

    Task<PartOutcome> RunAsync(RequestScope scope, ProfileQuery query, ChildOptions options);
}

/// <summary>A finished part: its report, its section (null unless it answered) and where the section goes.</summary>
public sealed record PartOutcome(PartReport Report, ChildStatus Status, TimeSpan EndedAt, TimeSpan Elapsed, Exception? Error, object? Section, Action<ProfileResponse> Place);
