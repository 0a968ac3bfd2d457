#!/usr/bin/env python3
"""The busy part of a dotnet-trace thread-time profile (docs/benchmarks.md, "Where the gateway's time goes").

.NET's sample profiler (`dotnet-trace collect --profile dotnet-sampled-thread-time --format Speedscope`)
samples every managed thread, parked or not, so its own `report topN` is led by waits that cost no CPU.
This drops every sample whose stack is parked in a wait and prints, for the rest: the top frames by
exclusive time (the last managed frame above the CPU_TIME / UNMANAGED_CODE_TIME marker), the share of
each component (inclusive), and, for each regular expression given after the file, its callers.

    python3 tests/Load/Profiling/busy_samples.py gateway.speedscope.json 'Monitor\.Enter_Slowpath|Lock\.TryEnterSlow'
"""
import json, sys, collections, re
data = json.load(open(sys.argv[1]))
frames = [f['name'] for f in data['shared']['frames']]
WAIT = re.compile(r'LowLevelLifoSemaphore\.Wait|WaitHandle\.Wait|Monitor\.Wait\(|Thread\.Sleep|SocketAsyncEngine\.EventLoop|'
                  r'LowLevelMonitor\.Wait|ManualResetEventSlim\.Wait|SemaphoreSlim\.Wait\(|WaitForSignal|WaitForSocketEvents|'
                  r'Interop\+Sys\.Read\(|BlockingCollection|TimerQueue\.TimerThread|WaitOneCore|WaitMultiple')
PSEUDO = {'CPU_TIME', 'UNMANAGED_CODE_TIME'}
# Parked in native code below a managed frame that is not itself a wait: an idle thread-pool worker
# (its semaphore's wait inlined into WorkerThreadStart) and the console logger's writer thread
# waiting for a line. Counted as busy until 2026-12-04: a third of the "busy" time of an overload run.
PARKED_LEAF = re.compile(r'PortableThreadPool\+WorkerThread\.WorkerThreadStart\(|ConsoleLoggerProcessor\.TryDequeue\(')
BUCKETS = [
 ('Polly (pipelines, hedging, retry, breaker)', r'^Polly'),
 ('grpc-dotnet client', r'^Grpc\.Net\.Client|^Grpc\.Core'),
 ('HttpClient / SocketsHttpHandler / HTTP/2', r'^System\.Net\.Http!'),
 ('IHttpClientFactory logging handlers', r'LoggingHttpMessageHandler|LoggingScopeHttpMessageHandler'),
 ('service discovery handler', r'ServiceDiscovery'),
 ('OpenTelemetry (SDK, exporters, instrumentation)', r'^OpenTelemetry'),
 ('System.Diagnostics Activity / Metrics', r'System\.Diagnostics\.DiagnosticSource!'),
 ('Microsoft.Extensions.Logging', r'^Microsoft\.Extensions\.Logging'),
 ('Kestrel', r'Kestrel'),
 ('System.Text.Json', r'^System\.Text\.Json'),
 ('Orleans client', r'^Orleans'),
 ('exceptions: throw, unwind, stack trace text', r'EH\.DispatchEx|StackTrace|ExceptionDispatchInfo|StackFrameHelper|Exception\.ToString'),
 ('reflection: custom attributes, GetType', r'CustomAttribute|RuntimeAssembly\.GetType'),
 ('lock contention (Monitor.Enter slow path, Lock.TryEnterSlow)', r'Monitor\.Enter_Slowpath|Lock\.TryEnterSlow'),
 ('GC (allocation slow path, PollGC)', r'PollGC|AllocateNewArray|GC\.'),
 ('gateway code (Profiles.Gateway)', r'^Gateway!'),
]
incl = collections.Counter(); excl = collections.Counter(); buckets = collections.Counter(); total = 0.0; parents = collections.defaultdict(collections.Counter)
TARGETS = [re.compile(p) for p in sys.argv[2:]]
for profile in data['profiles']:
    stack = []; last = None
    for event in profile['events']:
        at = event['at']
        if last is not None and stack and at > last:
            span = at - last
            names = [frames[i] for i in stack]
            real = [n for n in names if n not in PSEUDO]
            leaf = real[-1] if real else '?'
            marker = names[-1] if names[-1] in PSEUDO else ''
            parked = marker == 'UNMANAGED_CODE_TIME' and PARKED_LEAF.search(leaf)
            if not parked and not any(WAIT.search(n) for n in names):
                total += span
                excl[f'{leaf}  [{marker}]'] += span
                for n in set(real):
                    incl[n] += span
                for label, pattern in BUCKETS:
                    if any(re.search(pattern, n) for n in real):
                        buckets[label] += span
                for t in TARGETS:
                    for i, n in enumerate(real):
                        if t.search(n):
                            chain = ' <- '.join(x.split('!')[-1][:70] for x in reversed(real[max(0, i-6):i]))
                            parents[t.pattern][chain] += span
                            break
        if event['type'] == 'O':
            stack.append(event['frame'])
        else:
            while stack:
                if stack.pop() == event['frame']:
                    break
        last = at
print(f'busy samples (not parked in a wait): {total:.0f} ms of thread time over {len(data["profiles"])} threads')
print('-- exclusive (top 25)')
for k, v in excl.most_common(25): print(f'{v/total*100:6.2f}%  {k[:190]}')
print('-- by component (inclusive; a sample can be in several)')
for k, v in buckets.most_common(): print(f'{v/total*100:6.2f}%  {k}')
for t, c in parents.items():
    print(f'-- callers of {t}')
    for k, v in c.most_common(6): print(f'{v/total*100:6.2f}%  {k[:400]}')
