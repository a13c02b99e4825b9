import { el } from './dom';
import { initials } from './participants';
import { timeElement } from './time';

/** The avatar of a list row: the person's initials (Inbox conversations and legacy chat channels). */
export function rowAvatar(name: string): HTMLElement {
  return el('span', { className: 'avatar', attrs: { 'aria-hidden': 'true' } }, initials(name));
}

/**
 * The top of a list row, the same for an Inbox conversation and a legacy chat channel: the name, an
 * optional mark ("New", "Legacy chat"), the time of the newest message, then the email if known.
 */
export function rowHeading(name: string, mark: HTMLElement | null, newestAt: string | undefined, email?: string) {
  return [
    el(
      'span',
      { className: 'conversation__top' },
      el('span', { className: 'conversation__name' }, name),
      mark,
      newestAt ? timeElement(newestAt, 'relative') : null,
    ),
    email ? el('span', { className: 'conversation__email' }, email) : null,
  ];
}
