// The profile card, filled section by section as the parts land. A part that did not answer
// says so where its section would be, so a degraded profile is visibly incomplete, not quietly short.

import { h } from './dom.js';
import { ago, count, hueOf, initials, milliseconds, yearMonth } from './format.js';
import { partNames, partRoles, statusLabels } from './parts.js';

function avatar(memberId, name, size) {
  return h('span', { class: `avatar avatar-${size}`, style: { '--hue': hueOf(memberId) }, 'aria-hidden': 'true' }, initials(name));
}

function onlineBadge(online, lastSeen) {
  return online
    ? h('span', { class: 'presence presence-online' }, h('span', { class: 'dot', 'aria-hidden': 'true' }), 'Online')
    : h('span', { class: 'presence presence-away' }, h('span', { class: 'dot', 'aria-hidden': 'true' }), lastSeen ? `Seen ${ago(lastSeen)}` : 'Offline');
}

const renderers = {
  members: (member) => [
    avatar(member.memberId, `${member.firstName} ${member.lastName}`, 'large'),
    h('div', { class: 'identity' },
      h('h2', { class: 'identity-name', id: 'profile-name' }, `${member.firstName} ${member.lastName}`),
      h('p', { class: 'identity-headline' }, member.headline),
      h('p', { class: 'identity-meta' }, `${member.location} · ${member.industry} · member ${member.memberId}`)),
  ],

  presence: (presence) => [onlineBadge(presence.online, presence.lastSeen)],

  network: (network) => [
    h('dl', { class: 'stats' },
      h('div', {}, h('dt', {}, 'Connections'), h('dd', {}, count(network.connections))),
      h('div', {}, h('dt', {}, 'Followers'), h('dd', {}, count(network.followers))),
      h('div', {}, h('dt', {}, 'Degree'), h('dd', {}, network.degree))),
    h('h4', { class: 'subheading' }, `${count(network.mutualConnectionCount)} mutual connection${network.mutualConnectionCount === 1 ? '' : 's'}`),
    network.mutualConnections.length === 0 ? h('p', { class: 'muted' }, 'None in common.') :
      h('ul', { class: 'people' }, network.mutualConnections.map(person =>
        h('li', { class: 'person' },
          avatar(person.memberId, person.name, 'small'),
          h('span', { class: 'person-text' },
            h('button', { type: 'button', class: 'link-button', title: `Load member ${person.memberId}`, dataset: { openMember: person.memberId } }, person.name),
            h('span', { class: 'person-headline' }, person.headline)),
          onlineBadge(person.online, person.lastSeen)))),
  ],

  experience: (experience) => [
    h('ol', { class: 'timeline' }, experience.positions.map(position =>
      h('li', {},
        h('p', { class: 'entry-title' }, position.title),
        h('p', {}, position.company),
        h('p', { class: 'muted' }, `${yearMonth(position.start)} – ${yearMonth(position.end)} · ${position.location}`),
        position.description ? h('p', { class: 'entry-text' }, position.description) : null))),
    experience.education.length === 0 ? null : h('h4', { class: 'subheading' }, 'Education'),
    h('ul', { class: 'timeline' }, experience.education.map(school =>
      h('li', {},
        h('p', { class: 'entry-title' }, school.school),
        h('p', {}, `${school.degree}, ${school.fieldOfStudy}`),
        h('p', { class: 'muted' }, `${school.startYear} – ${school.endYear}`)))),
  ],

  skills: (skills) => [
    h('ul', { class: 'chips' }, skills.skills.map(skill =>
      h('li', { class: 'chip' }, skill.name, h('span', { class: 'chip-count', title: 'endorsements' }, count(skill.endorsements))))),
  ],

  activity: (activity) => [
    activity.posts.length === 0 ? h('p', { class: 'muted' }, 'No posts yet.') :
      h('ul', { class: 'posts' }, activity.posts.map(post =>
        h('li', { class: 'post' },
          h('p', {}, post.text),
          h('p', { class: 'muted' }, `${ago(post.postedAt)} · ${count(post.reactions)} reactions · ${count(post.comments)} comments`)))),
  ],

  views: (views) => [
    h('p', { class: 'big-number' }, count(views.totalViews), h('span', {}, ' profile views')),
    views.recentViewers.length === 0 ? null : h('ul', { class: 'viewers' }, views.recentViewers.map(viewer =>
      h('li', {}, viewer.viewerId === 0 ? 'Anonymous viewer' : `Member ${viewer.viewerId}`, h('span', { class: 'muted' }, ` · ${ago(viewer.viewedAt)}`)))),
  ],
};

function notice(name, report, budgetMs) {
  const label = statusLabels[report.status];
  const role = partRoles[name];
  const why = {
    timeout: `No ${role}: ${name} did not answer within the deadline (${milliseconds(Math.min(report.elapsedMs, budgetMs) || budgetMs)}).`,
    failed: `No ${role}: ${name} failed${report.error ? ` (${report.error})` : ''}.`,
    cancelled: `No ${role}: ${name} was cancelled before it answered.`,
    skipped: `No ${role}: ${name} never started; the request had already failed.`,
  }[report.status];
  return h('p', { class: 'part-notice', dataset: { status: report.status } },
    h('span', { class: 'part-notice-glyph', 'aria-hidden': 'true' }, label.glyph), why);
}

export class ProfileCard {
  /** openMember(id) loads another member, from a mutual connection's name. */
  constructor(article, openMember) {
    this.article = article;
    this.degradedNote = article.querySelector('.degraded-note');
    this.slots = new Map(partNames.map(name => [name, article.querySelector(`[data-section="${name}"]`)]));
    article.addEventListener('click', event => {
      const button = event.target.closest('[data-open-member]');
      if (button) openMember(Number(button.dataset.openMember));
    });
  }

  reset(budgetMs) {
    this.budgetMs = budgetMs;
    this.article.dataset.state = 'loading';
    this.article.setAttribute('aria-busy', 'true');
    this.degradedNote.hidden = true;
    for (const [name, slot] of this.slots) this.#fill(slot, name, 'pending', [h('span', { class: 'skeleton' }), h('span', { class: 'skeleton short' })]);
  }

  land(report, section) {
    const slot = this.slots.get(report.name);
    if (report.status === 'ok' && section) this.#fill(slot, report.name, 'ok', renderers[report.name](section), report);
    else this.#fill(slot, report.name, report.status, [notice(report.name, report, this.budgetMs)], report);
  }

  /** The run is over: every part not yet shown takes the status the summary gives it, or cancelled when there is none. */
  settle(reports, degraded) {
    const byName = new Map((reports ?? []).map(report => [report.name, report]));
    for (const [name, slot] of this.slots) {
      if (slot.dataset.state !== 'pending') continue;
      this.land(byName.get(name) ?? { name, status: 'cancelled', elapsedMs: 0, attempts: 0 }, null);
    }
    this.article.dataset.state = degraded ? 'degraded' : 'complete';
    this.article.removeAttribute('aria-busy');
    this.degradedNote.hidden = !degraded;
  }

  #fill(slot, name, state, content, report) {
    slot.dataset.state = state;
    const chip = slot.querySelector('.part-chip');
    const label = statusLabels[state];
    chip.dataset.status = state;
    chip.textContent = `${name} · ${label.glyph} ${label.text}${report && state !== 'pending' ? ` · ${milliseconds(report.elapsedMs)}` : ''}`;
    slot.querySelector('.section-body').replaceChildren(...content.filter(Boolean));
  }
}
