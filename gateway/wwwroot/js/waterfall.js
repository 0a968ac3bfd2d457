// A run's parts on a time axis: where each started, how long it took, how it ended, how many
// attempts it made, whether a hedge won, and which part decided the total. Two of these (this run
// and the previous one) share one scale, so their bars compare at a glance.

import { h, srOnly } from './dom.js';
import { milliseconds } from './format.js';
import { partNames, statusLabels } from './parts.js';

/** A round step for the axis ticks: 1, 2 or 5 times a power of ten, giving about five ticks. */
export function tickStep(scaleMs) {
  const rough = scaleMs / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map(factor => factor * power).find(step => step >= rough);
}

/** The shared scale: the longer run, rounded up to a tick, and the budget when it is near enough to show the deadline. */
export function sharedScale(runs, nowMs) {
  const longest = Math.max(20, ...runs.map(run => run.totalMs ?? nowMs));
  const withBudget = runs.some(run => run.budgetMs <= longest * 1.25) ? Math.max(longest, ...runs.map(run => run.budgetMs)) : longest;
  const step = tickStep(withBudget);
  return Math.ceil((withBudget * 1.02) / step) * step;
}

export class Waterfall {
  constructor(figure) {
    this.figure = figure;
    this.caption = figure.querySelector('.waterfall-caption');
    this.axis = figure.querySelector('.waterfall-axis');
    this.body = figure.querySelector('.waterfall-rows');
    this.rows = new Map(partNames.map(name => [name, this.#row(name)]));
    this.body.append(...[...this.rows.values()].map(row => row.element));
  }

  /** Draws <paramref>run</paramref> (or nothing yet) against scaleMs; nowMs places the running bars. */
  render(run, scaleMs, nowMs) {
    this.figure.dataset.state = run?.state ?? 'empty';
    this.figure.dataset.mode = run?.mode ?? '';
    this.figure.dataset.totalMs = run?.totalMs ?? '';
    this.#renderCaption(run, nowMs);
    this.#renderAxis(run, scaleMs);
    let previousEnd = 0;
    for (const [name, row] of this.rows) {
      const report = run?.parts.get(name);
      this.#renderRow(row, run, report, scaleMs, nowMs, previousEnd);
      if (report) previousEnd = Math.max(previousEnd, report.startedMs + report.elapsedMs);
    }
  }

  #row(name) {
    const bar = h('span', { class: 'bar' });
    const name_ = h('span', { class: 'row-name' }, name);
    const critical = h('span', { class: 'critical-mark', hidden: true, title: 'critical part: its completion decided the total' }, '◆ critical');
    const status = h('span', { class: 'row-status' });
    const duration = h('span', { class: 'row-duration' });
    const badges = h('span', { class: 'row-badges' });
    const description = srOnly('');
    const element = h('li', { class: 'waterfall-row', dataset: { part: name, status: 'pending' } },
      h('span', { class: 'row-label' }, name_, critical),
      h('span', { class: 'row-track', 'aria-hidden': 'true' }, bar),
      h('span', { class: 'row-meta', 'aria-hidden': 'true' }, status, duration, badges),
      description);
    return { element, bar, critical, status, duration, badges, description };
  }

  #renderRow(row, run, report, scaleMs, nowMs, previousEnd) {
    const status = report?.status ?? (run ? (run.state === 'running' ? 'pending' : 'cancelled') : 'empty');
    row.element.dataset.status = status;
    // The server's own figures, for whoever reads the page as data rather than as bars.
    row.element.dataset.startedMs = report?.startedMs ?? '';
    row.element.dataset.elapsedMs = report?.elapsedMs ?? '';
    row.critical.hidden = !(run && run.criticalPart === row.element.dataset.part && run.state !== 'running');
    row.element.classList.toggle('is-critical', !row.critical.hidden);

    let start = 0;
    let length = 0;
    if (report) {
      start = report.startedMs;
      length = report.elapsedMs;
    } else if (run?.state === 'running') {
      // Not landed yet: at once, every part is running since the start; one after another, only the next one is.
      start = run.mode === 'concurrent' ? 0 : previousEnd;
      const isNext = run.mode === 'concurrent' || this.#isNextInLine(run, row.element.dataset.part);
      length = isNext ? Math.max(0, nowMs - start) : 0;
    } else if (run) {
      start = run.mode === 'concurrent' ? 0 : previousEnd;
      length = this.#isNextInLine(run, row.element.dataset.part) || run.mode === 'concurrent' ? Math.max(0, (run.totalMs ?? 0) - start) : 0;
    }
    row.bar.style.left = `${(start / scaleMs) * 100}%`;
    row.bar.style.width = `${Math.max(length > 0 ? 0.4 : 0, (length / scaleMs) * 100)}%`;

    const label = statusLabels[status] ?? { glyph: '', text: '' };
    row.status.textContent = run ? `${label.glyph} ${label.text}` : '';
    row.duration.textContent = report ? milliseconds(report.elapsedMs) : '';
    row.badges.replaceChildren(
      report && report.attempts > 1 ? h('span', { class: 'badge', title: `${report.attempts} attempts` }, `×${report.attempts}`) : '',
      report?.hedged ? h('span', { class: 'badge badge-hedge', title: 'a hedged attempt answered first' }, 'hedge won') : '',
      report?.budgetRefused ? h('span', { class: 'badge badge-budget', title: "the backend's attempt budget refused a hedge or a retry: it was already getting its share of extra calls" }, 'no budget') : '');
    row.description.textContent = !run ? '' : report
      ? `: ${label.text}, started at ${milliseconds(report.startedMs)}, took ${milliseconds(report.elapsedMs)}, ${report.attempts} attempt${report.attempts === 1 ? '' : 's'}${report.hedged ? ', a hedge won' : ''}${report.budgetRefused ? ', the backend\'s attempt budget refused another attempt' : ''}${row.critical.hidden ? '' : ', critical part'}.`
      : `: ${label.text}.`;
  }

  #isNextInLine(run, name) {
    return partNames.find(part => !run.parts.has(part)) === name;
  }

  #renderCaption(run, nowMs) {
    const total = this.caption.querySelector('.run-total');
    const mode = this.caption.querySelector('.run-mode');
    mode.textContent = run ? run.mode : '';
    mode.hidden = !run;
    total.textContent = !run ? 'no run yet'
      : run.state === 'running' ? `${milliseconds(nowMs)} so far`
        : run.state === 'cancelled' ? `cancelled after ${milliseconds(run.totalMs)}`
          : `total ${milliseconds(run.totalMs)}`;
  }

  #renderAxis(run, scaleMs) {
    const step = tickStep(scaleMs);
    const ticks = [];
    const count = Math.floor(scaleMs / step + 0.001);
    for (let index = 0; index <= count; index++) {
      // Only the last tick names the unit: narrow screens have room for numbers, not for "ms" five times.
      const at = index * step;
      ticks.push(h('span', { class: 'tick', style: { left: `${(at / scaleMs) * 100}%` } }, index === count ? `${at} ms` : String(at)));
    }
    const markers = [];
    if (run?.totalMs != null) {
      markers.push(h('span', { class: 'marker marker-total', style: { left: `${(run.totalMs / scaleMs) * 100}%` }, title: `total ${milliseconds(run.totalMs)}` }));
    }
    if (run && run.budgetMs <= scaleMs) {
      markers.push(h('span', { class: 'marker marker-budget', style: { left: `${(run.budgetMs / scaleMs) * 100}%` }, title: `budget ${milliseconds(run.budgetMs)}` }, 'budget'));
    }
    this.axis.replaceChildren(...ticks);
    this.figure.style.setProperty('--tick', `${(step / scaleMs) * 100}%`);
    this.figure.querySelector('.waterfall-markers').replaceChildren(...markers);
  }
}
