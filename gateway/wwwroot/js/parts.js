// The seven parts of a profile, in the order the API reports them (gateway/GatewayExtensions.cs).

export const partNames = ['members', 'experience', 'network', 'skills', 'activity', 'views', 'presence'];

/** What each part brings to the card, for the waterfall's row labels and the card's notices. */
export const partRoles = {
  members: 'identity',
  experience: 'experience',
  network: 'network',
  skills: 'skills',
  activity: 'recent posts',
  views: 'profile views',
  presence: 'online status',
};

/** A status as words and a glyph, so that no status is told by colour alone. */
export const statusLabels = {
  pending: { glyph: '…', text: 'waiting' },
  ok: { glyph: '✓', text: 'ok' },
  timeout: { glyph: '◷', text: 'timed out' },
  failed: { glyph: '✕', text: 'failed' },
  cancelled: { glyph: '⊘', text: 'cancelled' },
  skipped: { glyph: '–', text: 'skipped' },
};
