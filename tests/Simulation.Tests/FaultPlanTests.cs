using Grpc.Core;
using Profiles.Contracts;
using Profiles.Contracts.Faults;
using Profiles.Simulation.Faults;

namespace Profiles.Simulation.Tests;

public sealed class FaultPlanTests
{
    private static readonly TimeSpan Ms200 = TimeSpan.FromMilliseconds(200);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void No_header_is_the_empty_plan(string? header)
    {
        var plan = FaultPlan.Parse(header);

        Assert.True(plan.IsEmpty);
        Assert.Null(plan.For(PartNames.Skills));
    }

    public static TheoryData<string, FaultRule> EveryForm => new()
    {
        { "skills=latency:200ms", new FaultRule(Delay: new DelayModel.Fixed(TimeSpan.FromMilliseconds(200))) },
        { "skills=latency:2s", new FaultRule(Delay: new DelayModel.Fixed(TimeSpan.FromSeconds(2))) },
        { "skills=latency:1.5s", new FaultRule(Delay: new DelayModel.Fixed(TimeSpan.FromMilliseconds(1500))) },
        { "skills=tail:10ms,1%:1000ms", new FaultRule(Delay: new DelayModel.Tail(TimeSpan.FromMilliseconds(10), 0.01, TimeSpan.FromSeconds(1))) },
        { "skills=tail:10ms,0.5%:2s", new FaultRule(Delay: new DelayModel.Tail(TimeSpan.FromMilliseconds(10), 0.005, TimeSpan.FromSeconds(2))) },
        { "skills=error:unavailable", new FaultRule(Error: StatusCode.Unavailable) },
        { "skills=error:deadline_exceeded", new FaultRule(Error: StatusCode.DeadlineExceeded) },
        { "skills=error:INTERNAL@25%", new FaultRule(Error: StatusCode.Internal, ErrorProbability: 0.25) },
        { "skills=hang", new FaultRule(Hang: true) },
        { " Skills = latency:200ms ; ", new FaultRule(Delay: new DelayModel.Fixed(TimeSpan.FromMilliseconds(200))) },
        { "skills=latency:200ms; skills=error:unavailable", new FaultRule(Delay: new DelayModel.Fixed(TimeSpan.FromMilliseconds(200)), Error: StatusCode.Unavailable) },
    };

    [Theory]
    [MemberData(nameof(EveryForm))]
    public void Every_form_of_the_grammar_parses_to_its_rule(string header, FaultRule expected)
    {
        Assert.Equal(expected, FaultPlan.Parse(header).For(PartNames.Skills));
    }

    [Fact]
    public void Every_part_can_be_named()
    {
        var plan = FaultPlan.Parse(string.Join(";", PartNames.All.Select(part => $"{part}=hang")));

        Assert.All(PartNames.All, part => Assert.Equal(new FaultRule(Hang: true), plan.For(part)));
    }

    [Fact]
    public void The_header_is_kept_to_pass_on_unchanged()
    {
        Assert.Equal("skills=hang; *=latency:5ms", FaultPlan.Parse(" skills=hang; *=latency:5ms ").Text);
    }

    [Fact]
    public void Star_applies_to_every_part_not_named()
    {
        var plan = FaultPlan.Parse("*=latency:200ms; members=error:internal");

        Assert.Equal(new FaultRule(Delay: new DelayModel.Fixed(Ms200)), plan.For(PartNames.Presence));
        Assert.Equal(new FaultRule(Delay: new DelayModel.Fixed(Ms200), Error: StatusCode.Internal), plan.For(PartNames.Members));
    }

    [Fact]
    public void A_part_wins_over_star_aspect_by_aspect()
    {
        var plan = FaultPlan.Parse("*=latency:200ms; *=error:unavailable@10%; skills=latency:5ms; network=error:internal");

        Assert.Equal(new FaultRule(Delay: new DelayModel.Fixed(TimeSpan.FromMilliseconds(5)), Error: StatusCode.Unavailable, ErrorProbability: 0.1), plan.For(PartNames.Skills));
        Assert.Equal(new FaultRule(Delay: new DelayModel.Fixed(Ms200), Error: StatusCode.Internal), plan.For(PartNames.Network));
    }

    [Fact]
    public void Star_hang_hangs_every_part()
    {
        var plan = FaultPlan.Parse("*=hang; skills=latency:5ms");

        Assert.True(plan.For(PartNames.Skills)!.Hang);
        Assert.True(plan.For(PartNames.Views)!.Hang);
    }

    [Theory]
    [InlineData("skills", "skills")]
    [InlineData("=hang", "=hang")]
    [InlineData("nobody=hang", "nobody")]
    [InlineData("skills=explode", "explode")]
    [InlineData("skills=hang:5s", "hang:5s")]
    [InlineData("skills=latency", "latency")]
    [InlineData("skills=latency:fast", "fast")]
    [InlineData("skills=latency:200", "200")]
    [InlineData("skills=latency:-5ms", "-5ms")]
    [InlineData("skills=latency:11m", "11m")]
    [InlineData("skills=latency:3600s", "3600s")]
    [InlineData("skills=latency:NaNms", "NaNms")]
    [InlineData("skills=tail:10ms", "tail:10ms")]
    [InlineData("skills=tail:10ms,abc:100ms", "abc")]
    [InlineData("skills=tail:10ms,150%:100ms", "150%")]
    [InlineData("skills=tail:10ms,NaN%:100ms", "NaN%")]
    [InlineData("skills=error:teapot", "teapot")]
    [InlineData("skills=error:14", "14")]
    [InlineData("skills=error:ok", "ok")]
    [InlineData("skills=error:unavailable,internal", "unavailable,internal")]
    [InlineData("skills=error:Cancelled, Unknown", "Cancelled, Unknown")]
    [InlineData("skills=error:unavailable@50", "50")]
    [InlineData("skills=latency:5ms; skills=tail:1ms,1%:2ms", "skills")]
    [InlineData("skills=error:internal; skills=error:unavailable", "skills")]
    public void A_bad_header_is_rejected_naming_the_bad_token(string header, string token)
    {
        var error = Assert.Throws<FaultPlanFormatException>(() => FaultPlan.Parse(header));

        Assert.Equal(token, error.Token);
        Assert.Contains(token, error.Message, StringComparison.Ordinal);
        Assert.False(FaultPlan.TryParse(header, out var plan, out var reported));
        Assert.Same(FaultPlan.Empty, plan);
        Assert.Equal(token, reported!.Token);
    }
}
