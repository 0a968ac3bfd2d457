using System.Globalization;
using Microsoft.Extensions.Options;
using Profiles.Contracts.Faults;

namespace Profiles.Gateway.Profiles;

/// <summary>
/// Turns the route, query string and headers of a profile request into a <see cref="ProfileQuery"/>,
/// or into every reason it is invalid, keyed by the parameter at fault (a 400 problem detail).
/// </summary>
public sealed class ProfileQueryParser(IOptions<FanOutOptions> fanOutOptions, IOptions<FaultHeaderOptions> faultOptions)
{
    public const int MaxPosts = 50;

    /// <summary>
    /// Names the view a request records (<see cref="ProfileQuery.ViewId"/>), so that a request sent
    /// twice is one view: a client's own retry, or .NET's HttpClient, which sends a GET again by
    /// itself when a reused connection closes after the request went out and before an answer
    /// began. The header of the IETF's draft "The Idempotency-Key HTTP Header Field", its value a UUID.
    /// </summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public bool TryRead(string memberId, HttpRequest request, out ProfileQuery query, out Dictionary<string, string[]> errors)
    {
        var options = fanOutOptions.Value;
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var parameters = request.Query;

        var member = ParseId(memberId, "memberId", allowZero: false, errors);
        var viewer = parameters.ContainsKey("viewer") ? ParseId(parameters["viewer"].ToString(), "viewer", allowZero: true, errors) : 0;

        var mode = FanOutMode.Concurrent;
        if (parameters.TryGetValue("mode", out var modeText) && !TryParseMode(modeText.ToString(), out mode))
        {
            errors["mode"] = [$"'{modeText}' is not a mode; expected concurrent, sequential or blocking."];
        }

        var budget = options.DefaultBudget;
        if (parameters.TryGetValue("budget", out var budgetText))
        {
            if (int.TryParse(budgetText, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
                && TimeSpan.FromMilliseconds(milliseconds) is var requested
                && requested >= FanOutOptions.MinBudget && requested <= options.MaxBudget)
            {
                budget = requested;
            }
            else
            {
                errors["budget"] = [$"'{budgetText}' is not a budget; expected whole milliseconds from {FanOutOptions.MinBudget.TotalMilliseconds} to {options.MaxBudget.TotalMilliseconds}."];
            }
        }

        var posts = options.DefaultPosts;
        if (parameters.TryGetValue("posts", out var postsText)
            && !(int.TryParse(postsText, NumberStyles.None, CultureInfo.InvariantCulture, out posts) && posts is >= 1 and <= MaxPosts))
        {
            errors["posts"] = [$"'{postsText}' is not a post count; expected 1 to {MaxPosts}."];
        }

        var hedging = true;
        if (parameters.TryGetValue("hedge", out var hedgeText))
        {
            hedging = hedgeText.ToString().ToLowerInvariant() switch
            {
                "on" or "true" => true,
                "off" or "false" => false,
                _ => Invalid(errors, "hedge", $"'{hedgeText}' is not a hedging switch; expected on or off."),
            };
        }

        var faultHeader = request.Headers[FaultPlan.HeaderName].ToString();
        if (faultHeader.Length > 0)
        {
            if (!faultOptions.Value.AllowRequestOverrides)
            {
                errors[FaultPlan.HeaderName] = ["Fault injection by request is switched off here (Faults:AllowRequestOverrides)."];
            }
            else if (CannotGoOnAsMetadata(faultHeader) is { } notAscii)
            {
                errors[FaultPlan.HeaderName] = [notAscii.Message];
            }
            else if (!FaultPlan.TryParse(faultHeader, out _, out var faultError))
            {
                errors[FaultPlan.HeaderName] = [faultError!.Message];
            }
        }

        var viewId = Guid.NewGuid();
        if (request.Headers.TryGetValue(IdempotencyKeyHeader, out var key)
            && !(key.Count == 1 && Guid.TryParseExact(key.ToString().Trim('"'), "D", out viewId)))
        {
            errors[IdempotencyKeyHeader] = [$"Not an idempotency key; expected one UUID, such as \"{Guid.Empty:D}\"."];
        }

        query = new ProfileQuery(member, viewer, mode, budget, posts, hedging, faultHeader.Length > 0 ? faultHeader : null) { ViewId = viewId };
        return errors.Count == 0;
    }

    private static long ParseId(string text, string name, bool allowZero, Dictionary<string, string[]> errors)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && (id > 0 || allowZero && id == 0))
        {
            return id;
        }

        errors[name] = [$"'{text}' is not a member id; expected a whole number of at least {(allowZero ? 0 : 1)}."];
        return 0;
    }

    /// <summary>
    /// The header goes on to the backends as gRPC metadata, whose values are printable ASCII. The
    /// grammar trims any white space, so a plan with a no-break space in it parses, and then fails
    /// every gRPC call of the request, members' too: a 502 for what is a bad header.
    /// </summary>
    private static FaultPlanFormatException? CannotGoOnAsMetadata(string header) =>
        header.AsSpan().IndexOfAnyExceptInRange(' ', '~') is var at and >= 0
            ? new FaultPlanFormatException($"U+{(int)header[at]:X4}", "the header goes on as gRPC metadata, which is printable ASCII only")
            : null;

    private static bool TryParseMode(string text, out FanOutMode mode)
    {
        FanOutMode? parsed = text.ToLowerInvariant() switch
        {
            "concurrent" => FanOutMode.Concurrent,
            "sequential" => FanOutMode.Sequential,
            "blocking" => FanOutMode.Blocking,
            _ => null,
        };
        mode = parsed ?? FanOutMode.Concurrent;
        return parsed is not null;
    }

    private static bool Invalid(Dictionary<string, string[]> errors, string name, string message)
    {
        errors[name] = [message];
        return false;
    }
}
