using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Profiles.AppHost.Hosting.Orchestration;

namespace Profiles.AppHost.Dashboard.Pages.ConsoleLogs;

/// <summary>The console page's "Download": every line the AppHost holds for one replica, as a text file.</summary>
internal static class ConsoleLogDownload
{
    public static RouteHandlerBuilder MapConsoleLogDownload(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/consolelogs/download/{resourceName}/{replica:int}", (string resourceName, int replica, IConsoleLogs consoleLogs) =>
        {
            var text = new StringBuilder();
            foreach (var line in consoleLogs.GetLines(resourceName, replica))
            {
                text.Append(line.Timestamp.ToString("O", CultureInfo.InvariantCulture))
                    .Append(line.IsError ? " ERR " : " OUT ")
                    .AppendLine(line.Text);
            }

            return Results.File(Encoding.UTF8.GetBytes(text.ToString()), "text/plain; charset=utf-8", $"{resourceName}-{replica}.log");
        });
}
