using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Profiles.Contracts.Faults;
using Profiles.Simulation.Faults;

namespace Profiles.Simulation.Admin;

/// <summary>
/// <c>/admin/faults</c>: turns this process's live faults (<see cref="LiveFaults"/>) on and off
/// while it runs, for the AppHost's resource commands. Development only, and only for a caller
/// with the AppHost's key (<see cref="AdminKeyFilter"/>).
/// <list type="bullet">
/// <item><c>GET</c>: the live faults now.</item>
/// <item><c>PUT</c>, the body a fault plan in the <c>x-fault</c> grammar (<c>*=hang</c>): replaces them.</item>
/// <item><c>DELETE</c>: heals, back to the configured profile alone.</item>
/// </list>
/// </summary>
public static partial class FaultAdminEndpoints
{
    public const string Path = "/admin/faults";
    public const string KeyHeader = "x-faults-admin-key";

    /// <summary>Far more than any plan needs (all seven parts with every aspect); a longer body is refused unread.</summary>
    public const int MaxPlanLength = 4096;

    public static WebApplication MapFaultAdmin(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            return app;
        }

        var admin = app.MapGroup(Path).AddEndpointFilter<AdminKeyFilter>();
        admin.MapGet("", (LiveFaults live) => TypedResults.Ok(LiveFaultsView.Of(live)));
        admin.MapPut("", SetAsync);
        admin.MapDelete("", (LiveFaults live, ILogger<LiveFaults> logger) =>
        {
            live.Heal();
            LogHealed(logger);
            return TypedResults.Ok(LiveFaultsView.Of(live));
        });
        return app;
    }

    private static async Task<Results<Ok<LiveFaultsView>, ProblemHttpResult>> SetAsync(
        HttpRequest request, LiveFaults live, ILogger<LiveFaults> logger, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxPlanLength)
        {
            return InvalidPlan($"The plan is longer than {MaxPlanLength} bytes.");
        }

        using var reader = new StreamReader(request.Body);
        var buffer = new char[MaxPlanLength + 1];
        var length = await reader.ReadBlockAsync(buffer, cancellationToken);
        if (length > MaxPlanLength)
        {
            return InvalidPlan($"The plan is longer than {MaxPlanLength} characters.");
        }

        if (!FaultPlan.TryParse(new string(buffer, 0, length), out var plan, out var error))
        {
            return InvalidPlan(error!.Message);
        }

        // An empty plan would read as a heal in disguise; DELETE says it.
        if (plan.IsEmpty)
        {
            return InvalidPlan($"The body is empty; send a fault plan such as '*=hang', or DELETE {Path} to heal.");
        }

        live.Set(plan);
        LogSet(logger, plan.Text);
        return TypedResults.Ok(LiveFaultsView.Of(live));
    }

    private static ProblemHttpResult InvalidPlan(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid fault plan");

    [LoggerMessage(Level = LogLevel.Information, Message = "Live faults on: {Plan}")]
    private static partial void LogSet(ILogger logger, string plan);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live faults healed")]
    private static partial void LogHealed(ILogger logger);
}
