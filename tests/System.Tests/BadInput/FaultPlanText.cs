namespace Profiles.System.Tests.BadInput;

/// <summary>What a generated <c>x-fault</c> header is, by the grammar, and so what the gateway must do with it.</summary>
internal enum PlanKind
{
    /// <summary>Valid, and harmless enough to run: the answer is still a 200 or a 4xx.</summary>
    Harmless,

    /// <summary>Valid, but it would rightly fail the request (a hang, a failing <c>members</c>): sent only with a budget the parser refuses.</summary>
    Harmful,

    /// <summary>Outside the grammar, or unfit to go on as gRPC metadata: a 400 problem naming <c>x-fault</c>.</summary>
    Invalid,
}

/// <summary>The header's lines (two lines are two values, which the gateway reads joined by a comma) and what they are.</summary>
internal sealed record FaultPlanText(IReadOnlyList<string> Lines, PlanKind Kind);
