'use strict';
// The Node.js peer of the gateway (docs/benchmarks.md, "peers"): GET /api/profiles/{memberId}
// fans out to the five gRPC backends at once under one deadline, and cancels every call when the
// client goes away. It cannot call Orleans grains, so it does five parts of the gateway's seven;
// it has no tracing, metrics, retries, hedging or admission limit either.

const http = require('node:http');
const { performance } = require('node:perf_hooks');
const { parts, status, Metadata } = require('./backends');

const host = '127.0.0.1';
const port = Number(process.env.PORT ?? 0);
const defaultBudgetMs = 500;
const defaultPosts = 5;

/** The query as the gateway reads it, or the reasons it is invalid, keyed by parameter. */
function parse(memberText, url, headers) {
  const errors = {};
  const whole = (name, text, min, max) => {
    if (!/^[0-9]+$/.test(text) || Number(text) < min || Number(text) > max) {
      errors[name] = [`'${text}' is not valid; expected a whole number from ${min} to ${max}.`];
    }
    return Number(text);
  };
  const parameters = url.searchParams;
  const query = {
    memberId: whole('memberId', memberText, 1, Number.MAX_SAFE_INTEGER),
    viewerId: parameters.has('viewer') ? whole('viewer', parameters.get('viewer'), 0, Number.MAX_SAFE_INTEGER) : 0,
    budgetMs: parameters.has('budget') ? whole('budget', parameters.get('budget'), 10, 10_000) : defaultBudgetMs,
    posts: parameters.has('posts') ? whole('posts', parameters.get('posts'), 1, 50) : defaultPosts,
    fault: headers['x-fault'],
  };
  if (parameters.has('mode') && parameters.get('mode') !== 'concurrent') {
    errors.mode = [`'${parameters.get('mode')}' is not a mode here; the peer fans out concurrently only.`];
  }

  return { query, errors };
}

/** How a part ended, in the gateway's words. */
function describe(error, aborted) {
  if (aborted) {
    return 'cancelled';
  }

  return error.code === status.DEADLINE_EXCEEDED ? 'timeout' : 'failed';
}

/** Every part at once; each settles to its report and section, so one failure never hides another's answer. */
async function fanOut(query, signal) {
  const metadata = new Metadata();
  if (query.fault) {
    metadata.set('x-fault', query.fault);
  }

  // One deadline for the request: every call carries the same absolute time as grpc-timeout.
  const options = { metadata, deadline: Date.now() + query.budgetMs };
  const startedAt = performance.now();
  const landed = await Promise.all(parts.map(async (part) => {
    const partStartedAt = performance.now();
    const report = (state, error) => ({
      name: part.name,
      status: state,
      startedMs: round(partStartedAt - startedAt),
      elapsedMs: round(performance.now() - partStartedAt),
      attempts: 1,
      hedged: false,
      error: error ? `${status[error.code] ?? 'Unknown'}: ${error.details ?? error.message}` : null,
    });
    try {
      return { part, section: await part.fetch(query, options, signal), report: report('ok') };
    } catch (error) {
      return { part, section: null, error, report: report(describe(error, signal.aborted), error) };
    }
  }));

  return { landed, elapsedMs: round(performance.now() - startedAt) };
}

function round(milliseconds) {
  return Math.round(milliseconds * 100) / 100;
}

/** The gateway's status for a required part's failure. */
function statusOf(error) {
  switch (error.code) {
    case status.NOT_FOUND: return 404;
    case status.INVALID_ARGUMENT: return 400;
    case status.DEADLINE_EXCEEDED: return 504;
    default: return 502;
  }
}

function send(response, statusCode, body, contentType = 'application/json; charset=utf-8') {
  const text = JSON.stringify(body);
  response.writeHead(statusCode, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

async function answerProfile(memberText, url, request, response) {
  const { query, errors } = parse(memberText, url, request.headers);
  if (Object.keys(errors).length > 0) {
    send(response, 400, { title: 'Invalid profile request', status: 400, errors }, 'application/problem+json');
    return;
  }

  // The client going away (the socket closing before the answer was written) cancels every call.
  const abort = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) {
      abort.abort();
    }
  });

  const { landed, elapsedMs } = await fanOut(query, abort.signal);
  if (abort.signal.aborted) {
    return;
  }

  const reports = landed.map((entry) => entry.report);
  const failedRequired = landed.find((entry) => entry.part.required && entry.error);
  if (failedRequired) {
    const statusCode = statusOf(failedRequired.error);
    send(response, statusCode, {
      title: `Required part '${failedRequired.part.name}' failed`, status: statusCode,
      detail: failedRequired.report.error, memberId: query.memberId, elapsedMs, parts: reports,
    }, 'application/problem+json');
    return;
  }

  // Every part runs at once, so the one that ended last decided the total.
  const critical = reports.reduce((last, report) => (report.startedMs + report.elapsedMs > last.startedMs + last.elapsedMs ? report : last));
  const sections = Object.fromEntries(landed.map((entry) => [entry.part.name === 'members' ? 'member' : entry.part.name, entry.section]));
  send(response, 200, {
    memberId: query.memberId,
    viewerId: query.viewerId,
    mode: 'concurrent',
    degraded: reports.some((report) => report.status !== 'ok'),
    elapsedMs,
    budgetMs: query.budgetMs,
    traceId: null,
    criticalPart: critical.name,
    ...sections,
    views: null,
    presence: null,
    parts: reports,
  });
}

const server = http.createServer((request, response) => {
  const url = new URL(request.url, `http://${host}`);
  const profile = /^\/api\/profiles\/([^/]+)$/.exec(url.pathname);
  if (request.method === 'GET' && profile) {
    answerProfile(decodeURIComponent(profile[1]), url, request, response).catch((error) => {
      if (!response.headersSent) {
        send(response, 500, { title: 'The peer failed', status: 500, detail: error.message }, 'application/problem+json');
      }
    });
  } else if (request.method === 'GET' && url.pathname === '/health') {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end('Healthy');
  } else {
    send(response, 404, { title: 'Not found', status: 404 }, 'application/problem+json');
  }
});

// As long as the load client keeps an idle connection (2 min), so that a pause between runs never
// meets a connection the server has just closed; and a backlog like the gateway's, so a burst of
// new connections waits in the kernel rather than for the client's SYN retries.
server.keepAliveTimeout = 130_000;
server.headersTimeout = 131_000;
server.listen({ host, port, backlog: 8192 }, () => {
  console.log(`Node peer: http://${host}:${server.address().port}`);
});

// Whoever started the peer owns it: when that process is gone (the harness killed, say), so is the peer.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) {
    process.exit(0);
  }
}, 1000).unref();
