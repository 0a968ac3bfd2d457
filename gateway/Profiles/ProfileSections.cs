namespace Profiles.Gateway.Profiles;

// The sections of a profile as the gateway's JSON presents them, one per part.

public sealed record MemberSection(long MemberId, string FirstName, string LastName, string Headline, string Location, string Industry, string AvatarUrl);

public sealed record ExperienceSection(IReadOnlyList<PositionEntry> Positions, IReadOnlyList<EducationEntry> Education);

public sealed record PositionEntry(string Title, string Company, string Location, string Start, string? End, string Description);

public sealed record EducationEntry(string School, string Degree, string FieldOfStudy, int StartYear, int EndYear);

public sealed record NetworkSection(int Connections, int Followers, string Degree, int MutualConnectionCount, IReadOnlyList<MutualConnectionEntry> MutualConnections);

public sealed record MutualConnectionEntry(long MemberId, string Name, string Headline, bool Online, DateTimeOffset? LastSeen);

public sealed record SkillsSection(IReadOnlyList<SkillEntry> Skills);

public sealed record SkillEntry(string Name, int Endorsements);

public sealed record ActivitySection(IReadOnlyList<PostEntry> Posts);

public sealed record PostEntry(long PostId, string Text, DateTimeOffset PostedAt, int Reactions, int Comments);

public sealed record ViewsSection(long TotalViews, IReadOnlyList<ViewerEntry> RecentViewers);

public sealed record ViewerEntry(long ViewerId, DateTimeOffset ViewedAt);

public sealed record PresenceSection(bool Online, DateTimeOffset LastSeen);
