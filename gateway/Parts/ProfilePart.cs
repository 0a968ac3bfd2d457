using Profiles.Gateway.Profiles;
using Profiles.Gateway.Scopes;

namespace Profiles.Gateway.Parts;

/// <summary>
/// A part that fetches one section, with an asynchronous fetch for the concurrent and sequential
/// modes and a synchronous one for the blocking mode, which must hold the request's thread.
/// </summary>
public abstract class ProfilePart<TSection> : IProfilePart where TSection : class
{
    public abstract string Name { get; }

    public virtual bool Required => false;

    public async Task<PartOutcome> RunAsync(RequestScope scope, ProfileQuery query, ChildOptions options)
    {
        Func<ChildContext, Task<TSection>> work = query.Mode == FanOutMode.Blocking
            ? context => Task.FromResult(Fetch(query, context))
            : context => FetchAsync(query, context);

        var result = await scope.StartChild(Name, options, work);
        var section = result.Value;
        return new PartOutcome(
            PartReport.From(result),
            result.Status,
            result.EndedAt,
            result.Elapsed,
            result.Error,
            section,
            response =>
            {
                if (section is not null)
                {
                    Place(response, section);
                }
            });
    }

    protected abstract Task<TSection> FetchAsync(ProfileQuery query, ChildContext context);

    protected abstract TSection Fetch(ProfileQuery query, ChildContext context);

    protected abstract void Place(ProfileResponse response, TSection section);
}
