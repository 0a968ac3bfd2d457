// The fault panel: one row per part (and * for all of them) that builds the x-fault header
// (README, "Fault injection"). The page only assembles the text; the API validates it and a
// mistake comes back as a 400 naming the bad token.

import { h } from './dom.js';
import { partNames } from './parts.js';

const targets = ['*', ...partNames];

/** Each fault kind, what its argument looks like, and an example to start from. */
const kinds = {
  none: { label: 'none' },
  latency: { label: 'latency', example: '100ms', hint: 'n ms or s' },
  tail: { label: 'tail', example: '10ms,1%:1000ms', hint: 'base,p%:slow' },
  error: { label: 'error', example: 'unavailable', hint: 'gRPC status[@p%]' },
  hang: { label: 'hang' },
};

export class FaultPanel {
  constructor(container, preview) {
    this.preview = preview;
    this.rows = new Map();
    const body = container.querySelector('tbody');
    for (const target of targets) {
      const row = this.#row(target);
      this.rows.set(target, row);
      body.append(row.element);
    }
    this.#update();
  }

  /** The x-fault header the rows describe, or '' when they inject nothing. */
  header() {
    return [...this.rows]
      .filter(([, row]) => row.kind.value !== 'none')
      .map(([target, row]) => `${target}=${row.kind.value}${kinds[row.kind.value].example ? `:${row.argument.value.trim()}` : ''}`)
      .join('; ');
  }

  /** Sets the rows from a header such as "*=latency:100ms; skills=hang" (one fault per target). */
  set(header) {
    for (const row of this.rows.values()) this.#choose(row, 'none', '');
    for (const entry of header.split(';').map(text => text.trim()).filter(Boolean)) {
      const [target, fault] = entry.split('=');
      const colon = fault.indexOf(':');
      const kind = colon < 0 ? fault : fault.slice(0, colon);
      this.#choose(this.rows.get(target), kind, colon < 0 ? '' : fault.slice(colon + 1));
    }
    this.#update();
  }

  #row(target) {
    const id = `fault-${target === '*' ? 'all' : target}`;
    const kind = h('select', { id: `${id}-kind`, 'aria-label': `Fault for ${target === '*' ? 'every part' : target}` },
      Object.entries(kinds).map(([value, { label }]) => h('option', { value }, label)));
    const argument = h('input', { id: `${id}-argument`, type: 'text', spellcheck: 'false', autocomplete: 'off', disabled: true,
      'aria-label': `Fault argument for ${target === '*' ? 'every part' : target}` });
    const row = { kind, argument, element: h('tr', { dataset: { target } },
      h('th', { scope: 'row' }, target === '*' ? h('span', {}, '* ', h('small', {}, 'all parts')) : target),
      h('td', {}, kind),
      h('td', {}, argument)) };
    kind.addEventListener('change', () => {
      this.#choose(row, kind.value, kinds[kind.value].example ?? '');
      this.#update();
    });
    argument.addEventListener('input', () => this.#update());
    return row;
  }

  #choose(row, kind, argument) {
    const known = kinds[kind] ? kind : 'none';
    row.kind.value = known;
    row.argument.disabled = !kinds[known].example;
    row.argument.value = kinds[known].example ? argument : '';
    row.argument.placeholder = kinds[known].hint ?? '';
  }

  #update() {
    const header = this.header();
    this.preview.textContent = header ? `x-fault: ${header}` : 'No faults: every part answers normally.';
    this.preview.dataset.empty = header ? 'false' : 'true';
  }
}
