using Profiles.Gateway.Profiles;
using Profiles.Gateway.Resilience;
using Profiles.Gateway.Scopes;

namespace Profiles.Gateway.Parts;

/// <summary>
/// A part that fetches one section, with an asynchronous fetch for the concurrent and sequential
/// modes and a synchronous one for the blocking mode, which must hold the request's thread. Every
/// attempt goes through the part's resilience pipeline and observes the attempt's own token.
/// </summary>
public abstract class ProfilePart<TSection>(PartPipeline<TSection> pipeline) : IProfilePart where TSection : class
{
    public abstract string Name { get; }

    public virtual bool Required => false;

    public async Task<PartOutcome> RunAsync(RequestScope scope, ProfileQuery query, ChildOptions options)
    {
        Func<ChildContext, Task<TSection>> work = query.Mode == FanOutMode.Blocking
            ? context => Task.FromResult(pipeline.Execute(context, attempt => Fetch(query, context, attempt)))
            : context => pipeline.ExecuteAsync(context, query.Hedging, attempt => FetchAsync(query, context, attempt));

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

    protected abstract Task<TSection> FetchAsync(ProfileQuery query, ChildContext context, CancellationToken cancellationToken);

    protected abstract TSection Fetch(ProfileQuery query, ChildContext context, CancellationToken cancellationToken);

    protected abstract void Place(ProfileResponse response, TSection section);
}
