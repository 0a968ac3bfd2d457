using System.Net.Http.Headers;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Aspire.Hosting;

/// <summary>
/// Sends a fault command to the instance it was invoked for. A command runs once per replica, with
/// <see cref="ExecuteCommandContext.ResourceName"/> naming the replica (<c>silo-hrpjsdhu</c>); the
/// resource's endpoint would reach whichever replica its proxy picked, so each replica is reached
/// on its own port, the Kestrel URL DCP handed that replica.
/// </summary>
internal static class FaultAdminClient
{
    private const string AdminPath = "/admin/faults";
    private const string KeyHeader = "x-faults-admin-key";
    private const string KestrelHttpUrl = "Kestrel__Endpoints__http__Url";

    public static async Task<ExecuteCommandResult> SendAsync(ExecuteCommandContext context, FaultCommand command, string adminKey)
    {
        if (InstanceUrl(context) is not { } instance)
        {
            return CommandResults.Failure($"'{context.ResourceName}' has no http endpoint yet.");
        }

        using var request = new HttpRequestMessage(command.Plan is null ? HttpMethod.Delete : HttpMethod.Put, new Uri(instance, AdminPath));
        request.Headers.Add(KeyHeader, adminKey);
        if (command.Plan is not null)
        {
            request.Content = new StringContent(command.Plan, new MediaTypeHeaderValue("text/plain"));
        }

        var client = context.Services.GetRequiredService<IHttpClientFactory>().CreateClient();
        using var response = await client.SendAsync(request, context.CancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode
            ? CommandResults.Success(command.Plan is null ? "Healed." : $"Live faults: {command.Plan}")
            : CommandResults.Failure($"{(int)response.StatusCode} from {AdminPath}: {await response.Content.ReadAsStringAsync(context.CancellationToken).ConfigureAwait(false)}");
    }

    private static Uri? InstanceUrl(ExecuteCommandContext context) =>
        context.Services.GetRequiredService<ResourceNotificationService>().TryGetCurrentState(context.ResourceName, out var instance)
        && instance.Snapshot.EnvironmentVariables.FirstOrDefault(variable => variable.Name == KestrelHttpUrl)?.Value is { } url
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? uri
            : null;
}
