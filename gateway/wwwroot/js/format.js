// How numbers, times and names read on the page.

export function milliseconds(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 100) return `${Math.round(value)} ms`;
  return `${value.toFixed(value >= 10 ? 0 : 1)} ms`;
}

export function count(value) {
  return new Intl.NumberFormat('en').format(value);
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const units = [['year', 31_536_000], ['month', 2_592_000], ['week', 604_800], ['day', 86_400], ['hour', 3_600], ['minute', 60]];

/** "5 minutes ago", "yesterday": how long ago an ISO instant was. */
export function ago(isoInstant) {
  const seconds = (Date.parse(isoInstant) - Date.now()) / 1000;
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

/** "2019-04" or "2019-04-01" as "Apr 2019". */
export function yearMonth(text) {
  if (!text) return 'present';
  const [year, month] = text.split('-').map(Number);
  return month ? new Date(Date.UTC(year, month - 1)).toLocaleString('en', { month: 'short', year: 'numeric', timeZone: 'UTC' }) : String(year);
}

export function initials(name) {
  return name.split(/\s+/).filter(Boolean).slice(0, 2).map(word => word[0].toUpperCase()).join('');
}

/** A stable hue per member id, so an avatar keeps its colour from one visit to the next. */
export function hueOf(memberId) {
  return (Number(memberId) * 137.508) % 360;
}
