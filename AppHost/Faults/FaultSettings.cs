using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting;

/// <summary>
/// How the backends suffer faults in this run: the profile every call suffers (<c>Faults:Profile</c>,
/// <c>realistic</c> by default), and, when the AppHost runs in Development, the key of their
/// <c>/admin/faults</c> endpoint. The key is new each run and never stored, so a leaked one
/// opens nothing after the run ends; outside Development there is none, and no fault commands.
/// </summary>
public sealed record FaultSettings(string Profile, string? AdminKey)
{
    public static FaultSettings For(IDistributedApplicationBuilder builder) => new(
        builder.Configuration["Faults:Profile"] ?? "realistic",
        builder.Environment.IsDevelopment() ? RandomNumberGenerator.GetHexString(32, lowercase: true) : null);
}
