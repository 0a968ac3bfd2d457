// Element creation without innerHTML: every string from the API lands as text, never as markup.

/** h('p', { class: 'note', dataset: { part: 'skills' } }, 'text', childNode, ...) */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name === 'style') Object.assign(element.style, value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  element.append(...children.flat().filter(child => child !== null && child !== undefined && child !== false));
  return element;
}

/** Text only a screen reader hears: the visual version says it with position or colour. */
export const srOnly = text => h('span', { class: 'visually-hidden' }, text);
