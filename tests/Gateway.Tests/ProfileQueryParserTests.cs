using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Profiles.Gateway.Profiles;

namespace Profiles.Gateway.Tests;

/// <summary>
/// Fault headers that the fuzz (<c>tests/System.Tests/BadInput</c>) found the gateway accepting, and
/// failing the request with a 502 for; the <c>budget</c> a caller may ask for, bounded by <c>FanOut:MaxBudget</c>.
/// </summary>
public sealed class ProfileQueryParserTests
{
    private static readonly ProfileQueryParser Parser = new(
        Options.Create(new FanOutOptions()),
        Options.Create(new FaultHeaderOptions { AllowRequestOverrides = true }));

    /// <summary>
    /// The grammar trims any white space, so these parsed; passed on as gRPC metadata they failed
    /// every call of the request ("Request headers must contain only ASCII characters"), members too.
    /// </summary>
    [Theory]
    [InlineData("\u00A0skills=latency:5ms", "U+00A0")]
    [InlineData("skills=latency:5ms;\u3000network=latency:5ms", "U+3000")]
    [InlineData("skills =\tlatency:5ms", "U+0009")]
    [InlineData("skills=latency:5ms;\u001F", "U+001F")]
    [InlineData("\u2003", "U+2003")]
    public void A_fault_header_that_cannot_go_on_as_grpc_metadata_is_refused_naming_the_character(string header, string character)
    {
        Assert.False(Parser.TryRead("42", RequestWithFaults(header), out _, out var errors));

        Assert.Contains($"'{character}'", Assert.Single(errors["x-fault"]), StringComparison.Ordinal);
    }

    /// <summary>.NET's enum parser reads a comma-separated list as flags: <c>unavailable,internal</c> was <c>data_loss</c>.</summary>
    [Theory]
    [InlineData("members=error:unavailable,internal", "unavailable,internal")]
    [InlineData("members=error:Cancelled, Unknown", "Cancelled, Unknown")]
    public void A_list_of_statuses_is_not_a_status(string header, string token)
    {
        Assert.False(Parser.TryRead("42", RequestWithFaults(header), out _, out var errors));

        Assert.Contains($"'{token}'", Assert.Single(errors["x-fault"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10000", true)]
    [InlineData("10001", false)]
    [InlineData("9", false)]
    public void By_default_a_budget_lies_within_10_ms_and_10_s(string budget, bool valid) =>
        Assert.Equal(valid, Parser.TryRead("42", RequestWithBudget(budget), out _, out _));

    [Fact]
    public void A_configured_maximum_admits_a_longer_budget_and_names_itself_when_exceeded()
    {
        var parser = new ProfileQueryParser(
            Options.Create(new FanOutOptions { MaxBudget = TimeSpan.FromMinutes(10) }),
            Options.Create(new FaultHeaderOptions()));

        Assert.True(parser.TryRead("42", RequestWithBudget("300000"), out var query, out _));
        Assert.Equal(TimeSpan.FromMinutes(5), query.Budget);
        Assert.False(parser.TryRead("42", RequestWithBudget("600001"), out _, out var errors));
        Assert.Contains("600000", Assert.Single(errors["budget"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8e03978e-40d5-43e8-bc93-6894a57f9324")]
    [InlineData("\"8e03978e-40d5-43e8-bc93-6894a57f9324\"")]
    public void An_idempotency_key_names_the_view_the_request_records(string key)
    {
        Assert.True(Parser.TryRead("42", RequestWithKeys(key), out var query, out _));

        Assert.Equal(Guid.Parse("8e03978e-40d5-43e8-bc93-6894a57f9324"), query.ViewId);
    }

    [Fact]
    public void Without_an_idempotency_key_each_request_records_a_view_of_its_own()
    {
        Assert.True(Parser.TryRead("42", new DefaultHttpContext().Request, out var first, out _));
        Assert.True(Parser.TryRead("42", new DefaultHttpContext().Request, out var second, out _));

        Assert.NotEqual(first.ViewId, second.ViewId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-uuid")]
    [InlineData("8e03978e40d543e8bc936894a57f9324")]
    [InlineData("8e03978e-40d5-43e8-bc93-6894a57f9324", "8e03978e-40d5-43e8-bc93-6894a57f9324")]
    public void Anything_but_one_uuid_is_refused_as_an_idempotency_key(params string[] keys)
    {
        Assert.False(Parser.TryRead("42", RequestWithKeys(keys), out _, out var errors));

        Assert.Single(errors[ProfileQueryParser.IdempotencyKeyHeader]);
    }

    private static HttpRequest RequestWithKeys(params string[] keys)
    {
        var request = new DefaultHttpContext().Request;
        request.Headers[ProfileQueryParser.IdempotencyKeyHeader] = keys;
        return request;
    }

    private static HttpRequest RequestWithFaults(string header)
    {
        var request = new DefaultHttpContext().Request;
        request.Headers["x-fault"] = header;
        return request;
    }

    private static HttpRequest RequestWithBudget(string budget)
    {
        var request = new DefaultHttpContext().Request;
        request.QueryString = QueryString.Create("budget", budget);
        return request;
    }
}
