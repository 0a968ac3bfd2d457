using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Profiles.AppHost.Dashboard.Authentication;

/// <summary>
/// Who may use the dashboard, like Aspire's: a browser that logged in with the printed token (a
/// cookie), or a script with the API key in <c>x-api-key</c>; every page and API call is refused
/// otherwise (pages redirect to <c>/login</c>, API calls get 401). The OTLP receivers take only
/// their own key, <c>x-otlp-api-key</c>.
/// </summary>
internal static class DashboardAuthentication
{
    public const string OtlpPolicy = "Otlp";
    public const string LoginPath = "/login";

    private const string DashboardScheme = "Dashboard";
    private const string ApiKeyScheme = "ApiKey";
    private const string OtlpApiKeyScheme = "OtlpApiKey";
    private const string CookieName = ".Profiles.Dashboard";

    public static IServiceCollection AddDashboardAuthentication(this IServiceCollection services, DashboardAccess access)
    {
        // The login cookie lives as long as this run's token: keys in memory, gone with the process.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();

        services.AddAuthentication(DashboardScheme)
            .AddPolicyScheme(DashboardScheme, "A browser's cookie, or a script's API key", scheme =>
                scheme.ForwardDefaultSelector = context =>
                    context.Request.Headers.ContainsKey(DashboardAccess.ApiKeyHeader) ? ApiKeyScheme : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.LoginPath = LoginPath;
                cookie.ReturnUrlParameter = "returnUrl";
                cookie.Events.OnRedirectToLogin = context =>
                {
                    if (context.Request.Path.StartsWithSegments("/api"))
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    }
                    else
                    {
                        context.Response.Redirect(context.RedirectUri);
                    }

                    return Task.CompletedTask;
                };
            })
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(ApiKeyScheme, options =>
            {
                options.HeaderName = DashboardAccess.ApiKeyHeader;
                options.Key = access.ApiKey;
            })
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(OtlpApiKeyScheme, options =>
            {
                options.HeaderName = DashboardAccess.OtlpApiKeyHeader;
                options.Key = access.OtlpApiKey;
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(OtlpPolicy, policy => policy.AddAuthenticationSchemes(OtlpApiKeyScheme).RequireAuthenticatedUser())
            // Every endpoint that says nothing (pages, the API) is the dashboard's; the login page must stay open.
            .SetFallbackPolicy(access.Unsecured ? null : new AuthorizationPolicyBuilder()
                .RequireAssertion(context =>
                    context.User.Identity?.IsAuthenticated == true
                    || (context.Resource is HttpContext http && http.Request.Path.Equals(LoginPath, StringComparison.OrdinalIgnoreCase)))
                .Build());
        return services;
    }

    /// <summary>Signs the browser in when <c>/login?t=</c> holds the token, then sends it where it was going.</summary>
    public static async Task<bool> TryLogInAsync(HttpContext context, DashboardAccess access)
    {
        if (!context.Request.Path.Equals(LoginPath, StringComparison.OrdinalIgnoreCase)
            || context.Request.Query["t"].ToString() is not { Length: > 0 } token
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(access.BrowserToken)))
        {
            return false;
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "browser")], CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        var returnUrl = context.Request.Query["returnUrl"].ToString();
        // Only a path on this dashboard: never an open redirect.
        context.Response.Redirect(IsLocalPath(returnUrl) ? returnUrl : "/");
        return true;
    }

    private static bool IsLocalPath(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
