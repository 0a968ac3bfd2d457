// The one line that says how the run went: loading, complete, degraded, refused, failed or cancelled,
// with the problem details' own words and a link to the request's trace in the dashboard.

import { h } from './dom.js';

export class StatusBanner {
  constructor(element, dashboardUrl) {
    this.element = element;
    this.dashboardUrl = dashboardUrl;
  }

  /** tone: idle | loading | ok | degraded | error | cancelled. */
  show({ tone, title, detail, errors, traceId }) {
    this.element.dataset.tone = tone;
    this.element.replaceChildren(...[
      h('p', { class: 'banner-title' }, title),
      detail ? h('p', { class: 'banner-detail' }, detail) : null,
      errors?.length ? h('ul', { class: 'banner-errors' }, errors.map(error => h('li', {}, error))) : null,
      traceId && this.dashboardUrl
        ? h('a', { class: 'trace-link', href: `${this.dashboardUrl}/traces/detail/${traceId}`, target: '_blank', rel: 'noopener' },
          'Open this request\u2019s trace in the dashboard ↗')
        : null,
    ].filter(Boolean));
  }
}

/** The "errors" of a validation problem as "parameter: message" lines. */
export function problemErrors(problem) {
  return Object.entries(problem.errors ?? {}).flatMap(([name, messages]) => messages.map(message => `${name}: ${message}`));
}
