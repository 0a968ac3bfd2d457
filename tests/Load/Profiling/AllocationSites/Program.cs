using System.Globalization;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;
using Profiles.Load.Profiling;

// Where a process's allocations came from, by component, by type, and by the stacks that allocated
// most, from the runtime's allocation samples (GCAllocationTick: about one per 100 KB allocated).
//   dotnet dotnet-trace collect -p <pid> --profile gc-verbose --duration 00:00:00:12 -o gateway.nettrace
//   dotnet run -c Release --project tests/Load/Profiling/AllocationSites -- gateway.nettrace [frames per stack]
if (args.Length is < 1 or > 2 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: AllocationSites <trace.nettrace> [frames per stack, 8 by default]");
    return 2;
}

var depth = args.Length == 2 && int.TryParse(args[1], CultureInfo.InvariantCulture, out var frames) && frames > 0 ? frames : 8;
var byComponent = new Dictionary<string, long>();
var byType = new Dictionary<string, long>();
var byStack = new Dictionary<string, long>();
long total = 0;
var samples = 0;

using (var trace = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0])))
{
    // TraceEvents enumerates only as the generic IEnumerable<TraceEvent>, not through LINQ's OfType.
    foreach (var traced in trace.Events)
    {
        if (traced is not GCAllocationTickTraceData tick)
        {
            continue;
        }

        var stack = new List<string>();
        for (var frame = tick.CallStack(); frame is not null; frame = frame.Caller)
        {
            var method = frame.CodeAddress.FullMethodName;
            stack.Add(string.IsNullOrEmpty(method) ? frame.CodeAddress.ModuleName ?? "?" : $"{frame.CodeAddress.ModuleName}!{method}");
        }

        samples++;
        total += tick.AllocationAmount64;
        Add(byComponent, Component.Of(stack), tick.AllocationAmount64);
        Add(byType, tick.TypeName, tick.AllocationAmount64);
        Add(byStack, $"`{tick.TypeName}` ← {string.Join(" ← ", stack.Take(depth))}", tick.AllocationAmount64);
    }
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{samples} allocation samples, {total / 1e6:F0} MB allocated while traced"));
Print("component at the allocation site", byComponent, 20);
Print("type allocated", byType, 25);
Print("stack (the allocating frame first)", byStack, 25);
return 0;

void Print(string title, Dictionary<string, long> tally, int rows)
{
    Console.WriteLine($"\n| share of bytes | {title} |\n|---|---|");
    foreach (var (key, bytes) in tally.OrderByDescending(entry => entry.Value).Take(rows))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {100.0 * bytes / total:F1} % | {key.Replace("|", "\\|", StringComparison.Ordinal)} |"));
    }
}

static void Add(Dictionary<string, long> tally, string key, long bytes) => tally[key] = tally.GetValueOrDefault(key) + bytes;
