import { el } from './dom';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayAndClock = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const date = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

function parse(iso: string | undefined): Date | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** "just now", "5 min ago", "3 h ago", "yesterday", then a date. */
function relativeTime(d: Date, now = Date.now()): string {
  const ago = now - d.getTime();
  if (ago < MINUTE) return 'just now';
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)} min ago`;
  if (ago < DAY) return `${Math.floor(ago / HOUR)} h ago`;
  if (ago < 2 * DAY) return 'yesterday';
  if (ago < 7 * DAY) return `${Math.floor(ago / DAY)} days ago`;
  return date.format(d);
}

/** A clock time today, else day and time. */
function messageTime(d: Date, now = new Date()): string {
  return d.toDateString() === now.toDateString() ? clock.format(d) : dayAndClock.format(d);
}

/**
 * A `<time>` element (full date and time on hover). Relative ones carry `data-relative` and are kept
 * current by `refreshRelativeTimes`.
 */
export function timeElement(iso: string | undefined, style: 'relative' | 'message'): HTMLElement {
  const d = parse(iso);
  if (!d) return el('time', { className: 'time' });
  const element = el(
    'time',
    { className: 'time', attrs: { datetime: d.toISOString(), title: full.format(d) } },
    style === 'relative' ? relativeTime(d) : messageTime(d),
  );
  if (style === 'relative') element.dataset.relative = '';
  return element;
}

export function refreshRelativeTimes(root: ParentNode): void {
  const now = Date.now();
  for (const element of Array.from(root.querySelectorAll<HTMLTimeElement>('time[data-relative]'))) {
    const d = parse(element.dateTime);
    if (d) element.textContent = relativeTime(d, now);
  }
}
