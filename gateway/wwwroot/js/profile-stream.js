// The public API as the page uses it: GET /api/profiles/{id}/stream, read as Server-Sent Events.

import { readServerSentEvents } from './sse-reader.js';

/** The API answered with an RFC 9457 problem instead of a stream (400 invalid input, 429/503 shedding). */
export class ProblemResponse extends Error {
  constructor(status, problem) {
    super(problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export function streamUrl({ memberId, viewerId, mode, budget, hedge }) {
  const parameters = new URLSearchParams({ viewer: viewerId, mode, budget, hedge: hedge ? 'on' : 'off' });
  return `/api/profiles/${encodeURIComponent(memberId)}/stream?${parameters}`;
}

/**
 * Yields the stream's events ({ type: 'part' | 'done', data }). Aborting the signal closes the
 * connection: the gateway sees the disconnect and cancels every part and backend call.
 */
export async function* streamProfile(query, { fault, traceparent, signal }) {
  const headers = { accept: 'text/event-stream', traceparent };
  if (fault) headers['x-fault'] = fault;

  const response = await fetch(streamUrl(query), { headers, signal, cache: 'no-store' });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({ title: response.statusText }));
    throw new ProblemResponse(response.status, problem);
  }

  for await (const event of readServerSentEvents(response.body)) {
    yield { type: event.type, data: JSON.parse(event.data) };
  }
}
