using Profiles.AppHost.Dashboard.Telemetry;

namespace Profiles.AppHost.Dashboard.Tests;

public sealed class SpanCancellationTests
{
    public static TheoryData<string, string> CancelledAttributes => new()
    {
        { "rpc.grpc.status_code", "1" },
        { "grpc.status_code", "1" },
        { "rpc.response.status_code", "CANCELLED" },
        { "profile.part.status", "cancelled" },
        { "error.type", "System.Threading.Tasks.TaskCanceledException" },
        { "error.type", "System.OperationCanceledException" },
    };

    [Theory]
    [MemberData(nameof(CancelledAttributes))]
    public void An_attribute_that_says_cancelled_makes_an_error_span_cancelled_not_failed(string key, string value)
    {
        var span = Error(new Dictionary<string, string> { [key] = value });

        Assert.True(span.IsCancelled);
        Assert.False(span.IsError);
    }

    [Fact]
    public void An_OperationCanceledException_event_makes_a_span_cancelled()
    {
        var exception = new SpanEvent("exception", Spans.T0, new Dictionary<string, string>
        {
            ["exception.type"] = "System.OperationCanceledException",
            ["exception.message"] = "The operation was canceled.",
        });

        var span = Spans.Span(Spans.TraceId(1), "a", null, 0, 1, status: SpanStatusCode.Error, events: [exception]);

        Assert.True(span.IsCancelled);
    }

    [Fact]
    public void Any_other_error_is_a_failure()
    {
        var span = Error(new Dictionary<string, string> { ["rpc.grpc.status_code"] = "14", ["profile.part.status"] = "failed" });

        Assert.False(span.IsCancelled);
        Assert.True(span.IsError);
    }

    [Fact]
    public void A_span_without_an_error_is_neither()
    {
        var span = Spans.Span(Spans.TraceId(1), "a", null, 0, 1, status: SpanStatusCode.Ok);

        Assert.False(span.IsCancelled);
        Assert.False(span.IsError);
    }

    [Fact]
    public void A_server_span_that_answered_499_ended_because_its_client_went_away()
    {
        var attributes = new Dictionary<string, string> { ["http.response.status_code"] = "499", ["grpc.status_code"] = "2" };

        Assert.True((Error(attributes) with { Kind = SpanKind.Server }).IsCancelled);
        Assert.False((Error(attributes) with { Kind = SpanKind.Client }).IsCancelled);
    }

    private static TelemetrySpan Error(IReadOnlyDictionary<string, string> attributes) =>
        Spans.Span(Spans.TraceId(1), "a", null, 0, 1, status: SpanStatusCode.Error, attributes: attributes);
}
