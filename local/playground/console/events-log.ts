import type { DeliveryLogEntry as Delivery } from '../console-api';
import { listDeliveries } from './api';
import { el, reconcile, showStatus } from './dom';
import { coalesced } from './serial';
import { timeElement } from './time';

interface EventsLogOptions {
  list: HTMLElement;
  status: HTMLElement;
  /** "Show skipped" checkbox: skipped and duplicate deliveries are hidden unless it is ticked. */
  showSkipped: HTMLInputElement;
  /** How many deliveries the filter hides. */
  hiddenCount: HTMLElement;
  /** Opens the conversation an event is about. */
  openConversation: (conversationId: string) => void;
}

/** Outcomes that say "nothing to do here": hidden by default, so what happened stands out. */
const QUIET = new Set(['skipped', 'duplicate']);

const LIMIT = 100;
const DETAIL_MAX = 300;

/** A handler's result: the site's handlers return `{ status, detail }`; anything else is shown as JSON. */
function describeResult(result: unknown): { status: string; detail: string } {
  if (result && typeof result === 'object') {
    const r = result as { status?: unknown; detail?: unknown };
    if (typeof r.status === 'string') {
      return { status: r.status, detail: typeof r.detail === 'string' ? r.detail : stringify(r.detail) };
    }
  }
  if (result === undefined || result === null) return { status: 'returned', detail: 'The handler returned nothing.' };
  return { status: 'returned', detail: stringify(result) };
}

function stringify(value: unknown): string {
  if (value === undefined) return '';
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > DETAIL_MAX ? `${text.slice(0, DETAIL_MAX)}…` : text;
}

const STATUS_TONE: Record<string, string> = {
  done: 'ok',
  skipped: 'muted',
  duplicate: 'muted',
  returned: 'muted',
  throttled: 'warn',
  'no-handler': 'warn',
  invalid: 'bad',
  failed: 'bad',
  threw: 'bad',
};

/** `wixCrmInbox_onMessageSentToBusiness` → the module part, muted, and the handler name. */
function eventName(name: string): HTMLElement {
  const at = name.lastIndexOf('_');
  return el(
    'span',
    { className: 'delivery__name', attrs: { title: name } },
    at > 0 ? el('span', { className: 'delivery__module' }, name.slice(0, at + 1)) : null,
    at > 0 ? el('wbr') : null,
    at > 0 ? name.slice(at + 1) : name,
  );
}

function payloadView(payload: unknown): HTMLElement {
  let text: string;
  try {
    text = JSON.stringify(payload, null, 2);
  } catch {
    text = String(payload);
  }
  return el(
    'details',
    { className: 'delivery__payload' },
    el('summary', {}, 'Payload'),
    el('pre', { data: { testid: 'payload' } }, text),
  );
}

function renderDelivery(delivery: Delivery, open: (conversationId: string) => void): HTMLLIElement {
  const { status, detail } = describeResult(delivery.result);
  const conversationLink = delivery.conversationId
    ? el(
        'button',
        { className: 'link-button', attrs: { type: 'button' }, data: { testid: 'open-conversation' } },
        'Open conversation',
      )
    : null;
  const conversationId = delivery.conversationId;
  if (conversationLink && conversationId) conversationLink.addEventListener('click', () => open(conversationId));
  return el(
    'li',
    {
      className: 'delivery',
      data: {
        testid: 'delivery',
        eventName: delivery.name,
        status,
        seq: String(delivery.seq),
        eventId: delivery.eventId,
      },
    },
    el(
      'div',
      { className: 'delivery__top' },
      eventName(delivery.name),
      el('span', { className: `pill pill--${STATUS_TONE[status] ?? 'muted'}` }, status),
    ),
    detail ? el('p', { className: 'delivery__detail' }, detail) : null,
    delivery.payload !== undefined ? payloadView(delivery.payload) : null,
    el(
      'div',
      { className: 'delivery__bottom' },
      timeElement(delivery.deliveredAt, 'relative'),
      delivery.redelivery
        ? el('span', { className: 'tag', attrs: { title: 'Wix delivered this event again' } }, 'redelivery')
        : null,
      conversationLink,
      el('span', { className: 'delivery__seq', attrs: { title: `Event ${delivery.eventId}` } }, `#${delivery.seq}`),
    ),
  );
}

/** The backend events delivered to events.ts, newest first, and what each handler did. */
export class EventsLog {
  private rows = new Map<string, HTMLLIElement>();
  private loaded = false;

  readonly refresh = coalesced(() => this.refreshNow());

  constructor(private readonly o: EventsLogOptions) {
    o.showSkipped.addEventListener('change', () => this.applyFilter());
  }

  /** Hides quiet deliveries unless asked for, and says how many are hidden. */
  private applyFilter(): void {
    const showQuiet = this.o.showSkipped.checked;
    let hidden = 0;
    for (const row of this.rows.values()) {
      const quiet = QUIET.has(row.dataset.status ?? '');
      row.hidden = quiet && !showQuiet;
      if (row.hidden) hidden++;
    }
    this.o.hiddenCount.textContent = hidden > 0 ? `${hidden} skipped hidden` : '';
  }

  private async refreshNow(): Promise<void> {
    let deliveries: Delivery[];
    try {
      deliveries = await listDeliveries(LIMIT);
    } catch (error) {
      showStatus(this.o.status, `Could not load the events: ${(error as Error).message}`, true);
      return;
    }
    const next = new Map<string, HTMLLIElement>();
    for (const delivery of deliveries) {
      const key = `${delivery.seq}:${delivery.eventId}:${delivery.deliveredAt}`;
      let row = this.rows.get(key);
      if (!row) {
        row = renderDelivery(delivery, this.o.openConversation);
        if (this.loaded) row.classList.add('is-new');
      }
      next.set(key, row);
    }
    this.rows = next;
    reconcile(this.o.list, Array.from(next.values()));
    this.applyFilter();
    this.loaded = true;
    showStatus(
      this.o.status,
      deliveries.length === 0 ? 'No events yet. Messages sent to or by the business show up here.' : '',
    );
  }
}
