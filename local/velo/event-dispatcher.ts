import { toVeloEvent } from './velo-event';
import { runWithWixContext, type FetchHandler } from './wix-context';

/** One delivery of one event to its handler, as the playground's events log shows it. */
export interface Delivery {
  seq: number;
  eventId: string;
  name: string;
  redelivery: boolean;
  /** What the handler returned (the site's handlers return an outcome), or why it did not run. */
  result: unknown;
}

interface FeedEvent {
  seq: number;
  id: string;
  name: string;
  payload: unknown;
  redelivery: boolean;
}

export interface EventDispatcherOptions {
  /** The emulator (in-process or HTTP). */
  handler: FetchHandler;
  /** The events.js module: its exports are looked up by event name. */
  handlers: Record<string, unknown>;
  /** Backend events run with no site visitor: un-elevated calls are made as this (a visitor) token. */
  callerToken: string;
  elevatedToken: string;
  /** Outbox position already delivered (by an earlier run); 0 delivers everything. */
  startAfter?: number;
}

/**
 * Delivers the emulator's outbox to events.js handlers, in outbox order, one at a time (so events of a
 * conversation arrive in order), at least once: the cursor moves past an event only after its handler
 * returned. A handler that throws is logged and the event counts as delivered, as on Wix.
 */
export function createEventDispatcher(options: EventDispatcherOptions) {
  let cursor = options.startAfter ?? 0;
  let running: Promise<Delivery[]> = Promise.resolve([]);

  async function fetchFeed(): Promise<FeedEvent[]> {
    const response = await options.handler(new Request(`http://emulator.local/_emulator/v1/events?after=${cursor}`));
    if (response.status !== 200) throw new Error(`event feed answered ${response.status}`);
    return ((await response.json()) as { events: FeedEvent[] }).events;
  }

  async function deliver(event: FeedEvent): Promise<Delivery> {
    const fn = Object.hasOwn(options.handlers, event.name) ? options.handlers[event.name] : undefined;
    let result: unknown;
    if (typeof fn !== 'function') {
      result = { status: 'no-handler', detail: `events.js exports no ${event.name}` };
    } else {
      try {
        result = await runWithWixContext(
          options.handler,
          { callerToken: options.callerToken, elevatedToken: options.elevatedToken },
          async () => (fn as (e: unknown) => unknown)(toVeloEvent(event.name, event.payload)),
        );
      } catch (error) {
        console.error(`[velo] ${event.name} threw:`, error);
        result = { status: 'threw', detail: (error as Error)?.message ?? String(error) };
      }
    }
    return { seq: event.seq, eventId: event.id, name: event.name, redelivery: event.redelivery, result };
  }

  async function drain(): Promise<Delivery[]> {
    const deliveries: Delivery[] = [];
    for (;;) {
      const events = await fetchFeed();
      if (events.length === 0) return deliveries;
      for (const event of events) {
        deliveries.push(await deliver(event));
        cursor = event.seq;
      }
    }
  }

  return {
    /** Delivers everything queued so far (including events handlers caused) and returns what happened. */
    deliverPending(): Promise<Delivery[]> {
      running = running.then(drain, drain);
      return running;
    },
  };
}
