using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Opentelemetry.Proto.Collector.Logs.V1;
using Opentelemetry.Proto.Collector.Metrics.V1;
using Opentelemetry.Proto.Collector.Trace.V1;
using RpcStatus = Google.Rpc.Status;

namespace Profiles.AppHost.Dashboard.Otlp;

/// <summary>
/// OTLP/HTTP with binary protobuf: <c>POST /v1/traces</c>, <c>/v1/logs</c>, <c>/v1/metrics</c>.
/// Failures answer as the specification says: 400 (malformed), 413 (too large) or 415 (not
/// protobuf), each with a <c>google.rpc.Status</c> body.
/// </summary>
internal static class OtlpHttpReceiver
{
    private const string ProtobufContentType = "application/x-protobuf";

    public static IEndpointConventionBuilder MapOtlpHttp(this IEndpointRouteBuilder endpoints, int maxExportBytes)
    {
        var group = endpoints.MapGroup("/v1");
        group.MapPost("/traces", (HttpContext context, OtlpIntake intake) =>
            ExportAsync(context, ExportTraceServiceRequest.Parser, intake.Export, maxExportBytes));
        group.MapPost("/logs", (HttpContext context, OtlpIntake intake) =>
            ExportAsync(context, ExportLogsServiceRequest.Parser, intake.Export, maxExportBytes));
        group.MapPost("/metrics", (HttpContext context, OtlpIntake intake) =>
            ExportAsync(context, ExportMetricsServiceRequest.Parser, intake.Export, maxExportBytes));
        return group;
    }

    private static async Task ExportAsync<TRequest, TResponse>(
        HttpContext context, MessageParser<TRequest> parser, Func<TRequest, TResponse> export, int maxExportBytes)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        if (!string.Equals(context.Request.ContentType, ProtobufContentType, StringComparison.OrdinalIgnoreCase))
        {
            await WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, Failure(StatusCode.InvalidArgument, $"Only {ProtobufContentType} is accepted."));
            return;
        }

        var body = await ReadBodyAsync(context.Request, maxExportBytes, context.RequestAborted);
        if (body is null)
        {
            await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, Failure(StatusCode.ResourceExhausted, $"An export may not exceed {maxExportBytes} bytes."));
            return;
        }

        TRequest request;
        try
        {
            request = parser.ParseFrom(body);
        }
        catch (InvalidProtocolBufferException exception)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, Failure(StatusCode.InvalidArgument, $"The export is not a valid {typeof(TRequest).Name}: {exception.Message}"));
            return;
        }

        await WriteAsync(context, StatusCodes.Status200OK, export(request));
    }

    /// <summary>The whole body, or null as soon as it proves longer than <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > limit)
            {
                return null;
            }

            body.Write(buffer, 0, read);
        }

        return body.ToArray();
    }

    private static RpcStatus Failure(StatusCode code, string message) => new() { Code = (int)code, Message = message };

    private static async Task WriteAsync(HttpContext context, int statusCode, IMessage message)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = ProtobufContentType;
        await context.Response.Body.WriteAsync(message.ToByteArray(), context.RequestAborted);
    }
}
