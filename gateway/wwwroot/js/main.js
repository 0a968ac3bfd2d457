// The page: a real client of the public API. Load streams one profile over SSE; Cancel aborts
// the fetch, which the gateway sees as a client disconnect and carries to every backend.

import { FaultPanel } from './fault-panel.js';
import { milliseconds } from './format.js';
import { partNames } from './parts.js';
import { ProblemResponse, streamProfile } from './profile-stream.js';
import { ProfileCard } from './profile-card.js';
import { QueryForm } from './query-form.js';
import { problemErrors, StatusBanner } from './status-banner.js';
import { Timeline } from './timeline.js';
import { newTrace } from './trace-context.js';

/** One click shows one idea; each only needs the fault overrides a development gateway allows. */
const scenarios = {
  compare: { fault: '*=latency:100ms', budget: 5000, modes: ['sequential', 'concurrent'] },
  degraded: { fault: 'skills=hang', budget: 500, modes: ['concurrent'] },
  // network answers at once and then waits on its own Presence lookups: the cancel reaches those too.
  cancel: { fault: '*=latency:3s; network=latency:1ms', budget: 10000, modes: ['concurrent'], focusCancel: true },
};

const config = await fetch('/api/page-config').then(response => response.json())
  .catch(() => ({ faultOverridesAllowed: false, dashboardUrl: null }));

const formElement = document.getElementById('query-form');
const loadButton = document.getElementById('load');
const cancelButton = document.getElementById('cancel');
const form = new QueryForm(formElement);
const banner = new StatusBanner(document.getElementById('run-status'), config.dashboardUrl);
const timeline = new Timeline(document.getElementById('waterfall-current'), document.getElementById('waterfall-previous'), document.getElementById('comparison'));
const card = new ProfileCard(document.getElementById('profile'), memberId => {
  form.fill({ memberId });
  loadFromForm();
});
const faults = config.faultOverridesAllowed
  ? new FaultPanel(document.getElementById('fault-table'), document.getElementById('fault-header'))
  : null;
document.getElementById('fault-panel').hidden = !faults;
document.getElementById('scenarios').hidden = !faults;

/** The run in flight: its AbortController and the promise that settles when it has finished drawing. */
let inFlight = null;
/** Runs that have ended, whatever way, as body[data-runs-ended]: what an automated client waits on. */
let runsEnded = 0;

async function load(query) {
  await cancelInFlight();
  const controller = new AbortController();
  const { traceId, traceparent } = newTrace();
  const run = { mode: query.mode, budgetMs: query.budget, parts: new Map(), state: 'running', startedAt: performance.now(), totalMs: null, criticalPart: null };
  const done = (async () => {
    history.replaceState(null, '', QueryForm.addressOf(query));
    setRunning(true);
    card.reset(query.budget);
    timeline.begin(run);
    banner.show({ tone: 'loading', title: `Loading member ${query.memberId} (${query.mode}, budget ${milliseconds(query.budget)})…` });
    try {
      for await (const event of streamProfile(query, { fault: faults?.header(), traceparent, signal: controller.signal })) {
        if (event.type === 'part') {
          run.parts.set(event.data.part.name, event.data.part);
          card.land(event.data.part, event.data.section);
          timeline.update();
        } else if (event.type === 'done') {
          finish(run, event.data);
        }
      }
      if (run.state === 'running') throw new Error('The stream ended before its summary.');
    } catch (error) {
      if (controller.signal.aborted) cancelled(run, traceId);
      else if (error instanceof ProblemResponse) refused(run, error);
      else broken(run, error, traceId);
    } finally {
      timeline.update();
      setRunning(false);
      document.body.dataset.runsEnded = ++runsEnded;
    }
  })();
  inFlight = { controller, done };
  await done;
}

function finish(run, summary) {
  run.totalMs = summary.elapsedMs;
  run.criticalPart = summary.criticalPart;
  run.parts = new Map(summary.parts.map(part => [part.name, part]));
  const missing = summary.parts.filter(part => part.status !== 'ok');
  if (summary.problem) {
    run.state = 'failed';
    card.settle(summary.parts, false);
    card.article.dataset.state = 'failed';
    banner.show({ tone: 'error', title: `${summary.status} · ${summary.problem.title}`, detail: summary.problem.detail, traceId: summary.traceId });
  } else if (summary.degraded) {
    run.state = 'degraded';
    card.settle(summary.parts, true);
    banner.show({
      tone: 'degraded',
      title: `Degraded profile in ${milliseconds(summary.elapsedMs)}`,
      detail: `Shown without ${missing.map(part => `${part.name} (${part.status === 'timeout' ? 'timed out' : part.status})`).join(', ')}.`,
      traceId: summary.traceId,
    });
  } else {
    run.state = 'complete';
    card.settle(summary.parts, false);
    banner.show({ tone: 'ok', title: `Complete profile in ${milliseconds(summary.elapsedMs)}`, detail: `All seven parts answered; ${summary.criticalPart} decided the total.`, traceId: summary.traceId });
  }
}

function cancelled(run, traceId) {
  run.state = 'cancelled';
  run.totalMs = performance.now() - run.startedAt;
  const cancelledParts = partNames.filter(name => !run.parts.has(name));
  card.settle(null, false);
  card.article.dataset.state = 'cancelled';
  banner.show({
    tone: 'cancelled',
    title: `Cancelled after ${milliseconds(run.totalMs)}`,
    detail: cancelledParts.length === 0 ? 'Every part had already answered.'
      : `${cancelledParts.length} part${cancelledParts.length === 1 ? ' was' : 's were'} cancelled: ${cancelledParts.join(', ')}. The gateway saw the disconnect and cancelled their backend calls.`,
    traceId,
  });
}

function refused(run, { status, problem }) {
  run.state = 'refused';
  run.totalMs = performance.now() - run.startedAt;
  card.settle(null, false);
  card.article.dataset.state = 'refused';
  banner.show({ tone: 'error', title: `${status} · ${problem.title ?? 'The request was refused'}`, detail: problem.detail, errors: problemErrors(problem), traceId: problem.traceId });
}

function broken(run, error, traceId) {
  run.state = 'refused';
  run.totalMs = performance.now() - run.startedAt;
  card.settle(null, false);
  card.article.dataset.state = 'refused';
  banner.show({ tone: 'error', title: 'The connection to the gateway broke', detail: error.message, traceId });
}

async function cancelInFlight() {
  if (!inFlight) return;
  inFlight.controller.abort();
  await inFlight.done;
}

function setRunning(running) {
  loadButton.disabled = running;
  cancelButton.disabled = !running;
  document.body.dataset.running = running;
  if (!running && document.activeElement === document.body) loadButton.focus();
}

function loadFromForm() {
  const query = form.read();
  if (query) load(query);
}

async function play(scenario) {
  faults.set(scenario.fault);
  form.fill({ budget: scenario.budget });
  for (const mode of scenario.modes) {
    form.fill({ mode });
    const query = form.read();
    if (!query) return;
    const run = load(query);
    if (scenario.focusCancel) cancelButton.focus();
    await run;
  }
}

/** ?scenario=degraded (the dashboard's links to the gateway): plays that scenario on arrival. */
function playFromAddress(search) {
  const name = new URLSearchParams(search).get('scenario');
  if (name === null) return;
  if (!Object.hasOwn(scenarios, name)) {
    banner.show({ tone: 'error', title: `No scenario named “${name}”`, detail: `The scenarios are ${Object.keys(scenarios).join(', ')}.` });
  } else if (!faults) {
    banner.show({ tone: 'error', title: `The ${name} scenario needs a development gateway`, detail: 'Scenarios inject faults with the x-fault header, which this gateway does not honour.' });
  } else {
    play(scenarios[name]);
  }
}

formElement.addEventListener('submit', event => {
  event.preventDefault();
  loadFromForm();
});
cancelButton.addEventListener('click', () => inFlight?.controller.abort());
document.addEventListener('keydown', event => {
  if (event.key === 'Escape' && !cancelButton.disabled) inFlight?.controller.abort();
});
for (const button of document.querySelectorAll('[data-scenario]')) {
  button.addEventListener('click', () => play(scenarios[button.dataset.scenario]));
}

form.fillFromAddress(location.search);
banner.show({ tone: 'idle', title: 'Pick a member and press Load.', detail: 'Each part of the profile appears as it lands; the waterfall shows when it started and how long it took.' });
playFromAddress(location.search);
