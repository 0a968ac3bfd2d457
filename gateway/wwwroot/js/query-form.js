// The request form: reads and validates what the user asked for, with the API's own rules
// (README, "The API"), so that an invalid id never leaves the page.

const maxId = Number.MAX_SAFE_INTEGER;

function wholeNumber(text, minimum) {
  if (!/^\d+$/.test(text)) return null;
  const value = Number(text);
  return value >= minimum && value <= maxId ? value : null;
}

const rules = {
  'member-id': text => wholeNumber(text, 1) ?? 'A member id is a whole number of at least 1.',
  'viewer-id': text => wholeNumber(text, 0) ?? 'A viewer id is a whole number of at least 0 (0 is anonymous).',
  budget: text => {
    const value = wholeNumber(text, 10);
    return value !== null && value <= 10_000 ? value : 'The budget is whole milliseconds from 10 to 10000.';
  },
};

export class QueryForm {
  constructor(form) {
    this.form = form;
    for (const name of Object.keys(rules)) {
      form.elements[name].addEventListener('input', () => this.#showError(name, null));
    }
  }

  /** The query, or null after marking every invalid field with its message and focusing the first. */
  read() {
    const values = {};
    let firstInvalid = null;
    for (const [name, rule] of Object.entries(rules)) {
      const field = this.form.elements[name];
      const result = rule(field.value.trim());
      if (typeof result === 'string') {
        this.#showError(name, result);
        firstInvalid ??= field;
      } else {
        this.#showError(name, null);
        values[name] = result;
      }
    }
    if (firstInvalid) {
      firstInvalid.focus();
      return null;
    }
    return {
      memberId: values['member-id'],
      viewerId: values['viewer-id'],
      budget: values.budget,
      mode: this.form.elements.mode.value,
      hedge: this.form.elements.hedge.checked,
    };
  }

  fill({ memberId, viewerId, mode, budget, hedge }) {
    const { elements } = this.form;
    if (memberId !== undefined) elements['member-id'].value = memberId;
    if (viewerId !== undefined) elements['viewer-id'].value = viewerId;
    if (mode !== undefined) elements.mode.value = mode;
    if (budget !== undefined) elements.budget.value = budget;
    if (hedge !== undefined) elements.hedge.checked = hedge;
  }

  /** The form as the address bar says it (?member=42&viewer=7&mode=sequential), so a run can be shared. */
  fillFromAddress(search) {
    const parameters = new URLSearchParams(search);
    this.fill({
      memberId: parameters.get('member') ?? undefined,
      viewerId: parameters.get('viewer') ?? undefined,
      mode: parameters.get('mode') ?? undefined,
      budget: parameters.get('budget') ?? undefined,
      hedge: parameters.has('hedge') ? parameters.get('hedge') !== 'off' : undefined,
    });
  }

  static addressOf({ memberId, viewerId, mode, budget, hedge }) {
    return `?${new URLSearchParams({ member: memberId, viewer: viewerId, mode, budget, hedge: hedge ? 'on' : 'off' })}`;
  }

  #showError(name, message) {
    const field = this.form.elements[name];
    const error = document.getElementById(`${name}-error`);
    error.textContent = message ?? '';
    error.hidden = message === null;
    field.setAttribute('aria-invalid', message === null ? 'false' : 'true');
  }
}
