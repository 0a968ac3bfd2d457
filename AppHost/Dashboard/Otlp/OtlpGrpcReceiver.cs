using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Opentelemetry.Proto.Collector.Logs.V1;
using Opentelemetry.Proto.Collector.Metrics.V1;
using Opentelemetry.Proto.Collector.Trace.V1;

namespace Profiles.AppHost.Dashboard.Otlp;

/// <summary>
/// OTLP/gRPC: the three <c>Export</c> methods of <c>TraceService</c>, <c>LogsService</c> and
/// <c>MetricsService</c>. They are bound by hand (<see cref="IServiceMethodProvider{TService}"/>)
/// rather than from generated service stubs, for one reason: a payload that does not parse must be
/// the protocol's InvalidArgument, and a generated marshaller's exception would reach the client
/// as Unknown. An oversized one is ResourceExhausted, from Grpc.AspNetCore's MaxReceiveMessageSize.
/// </summary>
internal sealed class OtlpGrpcReceiver(OtlpIntake intake) : IServiceMethodProvider<OtlpGrpcReceiver>
{
    private readonly OtlpIntake intake = intake;

    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<OtlpGrpcReceiver> context)
    {
        context.AddUnaryMethod(
            ExportMethod<ExportTraceServiceRequest, ExportTraceServiceResponse>(TraceServiceReflection.Descriptor, ExportTraceServiceRequest.Parser),
            [],
            (receiver, request, _) => Task.FromResult(receiver.intake.Export(request)));
        context.AddUnaryMethod(
            ExportMethod<ExportLogsServiceRequest, ExportLogsServiceResponse>(LogsServiceReflection.Descriptor, ExportLogsServiceRequest.Parser),
            [],
            (receiver, request, _) => Task.FromResult(receiver.intake.Export(request)));
        context.AddUnaryMethod(
            ExportMethod<ExportMetricsServiceRequest, ExportMetricsServiceResponse>(MetricsServiceReflection.Descriptor, ExportMetricsServiceRequest.Parser),
            [],
            (receiver, request, _) => Task.FromResult(receiver.intake.Export(request)));
    }

    private static Method<TRequest, TResponse> ExportMethod<TRequest, TResponse>(
        Google.Protobuf.Reflection.FileDescriptor file, MessageParser<TRequest> parser)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>, new()
    {
        var service = file.Services.Single();
        return new Method<TRequest, TResponse>(
            MethodType.Unary,
            service.FullName,
            service.Methods.Single().Name,
            Marshallers.Create(Serialize, context => Parse(parser, context)),
            Marshallers.Create(Serialize, context => Parse(new MessageParser<TResponse>(() => new TResponse()), context)));
    }

    private static void Serialize<TMessage>(TMessage message, SerializationContext context) where TMessage : IMessage<TMessage>
    {
        context.SetPayloadLength(message.CalculateSize());
        message.WriteTo(context.GetBufferWriter());
        context.Complete();
    }

    private static TMessage Parse<TMessage>(MessageParser<TMessage> parser, DeserializationContext context) where TMessage : IMessage<TMessage>
    {
        try
        {
            return parser.ParseFrom(context.PayloadAsReadOnlySequence());
        }
        catch (InvalidProtocolBufferException exception)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"The export is not a valid {typeof(TMessage).Name}: {exception.Message}"));
        }
    }
}
