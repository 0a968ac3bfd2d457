namespace Profiles.AppHost.Hosting.Orchestration;

/// <summary>Asks a replica's <c>/health</c> whether it is ready for traffic.</summary>
internal sealed class HealthProbe : IDisposable
{
    private readonly HttpClient client = new() { Timeout = TimeSpan.FromSeconds(2) };

    public async Task<bool> IsHealthyAsync(AllocatedEndpoint endpoint, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(new Uri(endpoint.Url, "/health"), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Dispose() => client.Dispose();
}
