using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using Grpc.Net.Client;

namespace Profiles.AppHost.Dashboard.Tests;

/// <summary>What the OTLP receivers refuse, in each protocol's own terms, and that they keep working after.</summary>
[Collection(nameof(SharedDashboard))]
public sealed class OtlpRejectionTests(DashboardHost dashboard)
{
    /// <summary>Not protobuf: a varint that never ends.</summary>
    private static readonly byte[] Garbage = [.. Enumerable.Repeat((byte)0xFF, 16)];

    private static readonly byte[] Oversized = new byte[DashboardHost.MaxExportBytes + 1];

    private static readonly Marshaller<byte[]> RawBytes = Marshallers.Create(bytes => bytes, bytes => bytes);

    private static readonly Method<byte[], byte[]> ExportTraces = new(
        MethodType.Unary, "opentelemetry.proto.collector.trace.v1.TraceService", "Export", RawBytes, RawBytes);

    private string ApiKey => dashboard.Access.OtlpApiKey;

    [Fact]
    public async Task Over_gRPC_garbage_is_InvalidArgument_too_large_is_ResourceExhausted_and_a_bad_key_is_Unauthenticated()
    {
        Assert.Equal(StatusCode.InvalidArgument, (await GrpcFailureAsync(Garbage, ApiKey)).StatusCode);
        Assert.Equal(StatusCode.ResourceExhausted, (await GrpcFailureAsync(Oversized, ApiKey)).StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, (await GrpcFailureAsync([], apiKey: null)).StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, (await GrpcFailureAsync([], "wrong")).StatusCode);

        // An empty request is a valid one: the receiver is still there.
        Assert.Empty(await GrpcExportAsync([], ApiKey));
    }

    [Fact]
    public async Task Over_HTTP_garbage_is_400_too_large_is_413_each_with_a_google_rpc_Status_and_a_bad_key_is_401()
    {
        using var garbage = await HttpExportAsync(Garbage, ApiKey);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Equal((int)StatusCode.InvalidArgument, Google.Rpc.Status.Parser.ParseFrom(await garbage.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Code);

        using var oversized = await HttpExportAsync(Oversized, ApiKey);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);
        Assert.Equal((int)StatusCode.ResourceExhausted, Google.Rpc.Status.Parser.ParseFrom(await oversized.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Code);

        using var missingKey = await HttpExportAsync([], apiKey: null);
        Assert.Equal(HttpStatusCode.Unauthorized, missingKey.StatusCode);
        using var wrongKey = await HttpExportAsync([], "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);

        using var valid = await HttpExportAsync([], ApiKey);
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
    }

    [Fact]
    public async Task Each_receiver_answers_only_on_its_own_port()
    {
        using var client = new HttpClient { BaseAddress = dashboard.Access.Url };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/traces") { Content = Protobuf([]) };
        request.Headers.Add(DashboardAccess.OtlpApiKeyHeader, ApiKey);
        request.Headers.Add(DashboardAccess.ApiKeyHeader, dashboard.Access.ApiKey);

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<RpcException> GrpcFailureAsync(byte[] payload, string? apiKey) =>
        await Assert.ThrowsAsync<RpcException>(() => GrpcExportAsync(payload, apiKey));

    private async Task<byte[]> GrpcExportAsync(byte[] payload, string? apiKey)
    {
        using var channel = GrpcChannel.ForAddress(dashboard.Access.OtlpGrpcUrl);
        var headers = new Metadata();
        if (apiKey is not null)
        {
            headers.Add(DashboardAccess.OtlpApiKeyHeader, apiKey);
        }

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(
            ExportTraces, host: null, new CallOptions(headers, cancellationToken: TestContext.Current.CancellationToken), payload);
        return await call.ResponseAsync;
    }

    private async Task<HttpResponseMessage> HttpExportAsync(byte[] payload, string? apiKey)
    {
        using var client = new HttpClient { BaseAddress = dashboard.Access.OtlpHttpUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/traces") { Content = Protobuf(payload) };
        if (apiKey is not null)
        {
            request.Headers.Add(DashboardAccess.OtlpApiKeyHeader, apiKey);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static ByteArrayContent Protobuf(byte[] payload)
    {
        var content = new ByteArrayContent(payload);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        return content;
    }
}
