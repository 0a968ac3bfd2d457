// The page starts each request's trace itself, as an instrumented browser would (W3C Trace
// Context): it knows the trace id before the first byte comes back, so a request cancelled before
// any answer still links to its trace in the dashboard.

function randomHex(bytes) {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), byte => byte.toString(16).padStart(2, '0')).join('');
}

/** A fresh trace: its id, and the traceparent header that makes the gateway continue it (sampled). */
export function newTrace() {
  const traceId = randomHex(16);
  return { traceId, traceparent: `00-${traceId}-${randomHex(8)}-01` };
}
