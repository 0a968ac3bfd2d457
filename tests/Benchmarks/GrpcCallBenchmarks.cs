using BenchmarkDotNet.Attributes;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Profiles.Contracts.Members;

namespace Profiles.Benchmarks;

/// <summary>
/// One unary gRPC call over loopback HTTP/2 to a Kestrel server in this process: protobuf both
/// ways, HTTP/2 framing, the socket round trip and the server's pipeline. The service answers at once.
/// </summary>
[MemoryDiagnoser]
public class GrpcCallBenchmarks
{
    private static readonly GetMemberRequest Request = new() { MemberId = 42 };

    private WebApplication _server = null!;
    private GrpcChannel _channel = null!;
    private Members.MembersClient _client = null!;

    [GlobalSetup]
    public async Task StartServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        _server = builder.Build();
        _server.MapGrpcService<ConstantMembersService>();
        await _server.StartAsync();

        _channel = GrpcChannel.ForAddress(_server.Urls.Single());
        _client = new Members.MembersClient(_channel);
        await _client.GetMemberAsync(Request);
    }

    [Benchmark]
    public async Task<MemberCard> LoopbackUnaryCall() => await _client.GetMemberAsync(Request);

    [GlobalCleanup]
    public async Task StopServerAsync()
    {
        _channel.Dispose();
        await _server.DisposeAsync();
    }
}

/// <summary>The same card every time: the benchmark measures the call, not the data.</summary>
public sealed class ConstantMembersService : Members.MembersBase
{
    private static readonly MemberCard Card = new() { MemberId = 42, FirstName = "Ada", LastName = "Lovelace", Headline = "Analyst" };

    public override Task<MemberCard> GetMember(GetMemberRequest request, ServerCallContext context) => Task.FromResult(Card);
}
