using Profiles.Gateway.Parts;
using Profiles.Gateway.Profiles;
using Profiles.Gateway.Scopes;

namespace Profiles.Gateway.Tests;

/// <summary>A part whose behaviour a test writes, in place of a gRPC or grain call.</summary>
internal sealed class FakePart(string name, bool required, Func<ChildContext, Task<string>> behaviour) : ProfilePart<string>
{
    public override string Name => name;

    public override bool Required => required;

    protected override Task<string> FetchAsync(ProfileQuery query, ChildContext context)
    {
        context.RecordAttempt();
        return behaviour(context);
    }

    protected override string Fetch(ProfileQuery query, ChildContext context) => FetchAsync(query, context).GetAwaiter().GetResult();

    protected override void Place(ProfileResponse response, string section)
    {
    }
}
