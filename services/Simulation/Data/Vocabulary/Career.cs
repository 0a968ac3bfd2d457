namespace Profiles.Simulation.Data.Vocabulary;

/// <summary>
/// A line of work: it decides a member's industry, the titles they climb through (most junior
/// first), the skills they get endorsed for, what they studied and the kind of companies they join.
/// </summary>
internal sealed record Career(
    string Name,
    string[] Industries,
    string[] Titles,
    string[] Skills,
    string[] FieldsOfStudy,
    string[] CompanySuffixes);
