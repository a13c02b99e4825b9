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
  /**
   * Backend events run with no site visitor: un-elevated calls are made as `callerToken` (a visitor),
   * elevated ones as `elevatedToken` (the site's app). A function is read at each delivery, so the
   * runtime can re-create its tokens after an emulator reset.
   */
  tokens: EventTokens | (() => EventTokens);
  /** Outbox position already delivered (by an earlier run); 0 delivers everything. */
  startAfter?: number;
  /**
   * Called when a handler has returned, before the cursor moves past its event: where the playground
   * stores the position and the outcome durably. If it throws, the event is delivered again.
   */
  onDelivered?: (delivery: Delivery) => void;
}

export interface EventTokens {
  callerToken: string;
  elevatedToken: string;
}

/**
 * Delivers the emulator's outbox to events.js handlers, in outbox order, one at a time (so events of a
 * conversation arrive in order), at least once: the cursor moves past an event only after its handler
 * returned (and `onDelivered` stored that). A handler that throws is logged and the event counts as
 * delivered, as on Wix.
 */
export function createEventDispatcher(options: EventDispatcherOptions) {
  let cursor = options.startAfter ?? 0;
  // Bumped by restart(): a drain that began before it must not move the new cursor.
  let generation = 0;
  let stopped = false;
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
        const tokens = typeof options.tokens === 'function' ? options.tokens() : options.tokens;
        result = await runWithWixContext(
          options.handler,
          { callerToken: tokens.callerToken, elevatedToken: tokens.elevatedToken },
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
    const started = generation;
    for (;;) {
      const events = await fetchFeed();
      if (events.length === 0 || started !== generation || stopped) return deliveries;
      for (const event of events) {
        const delivery = await deliver(event);
        if (started !== generation) return deliveries;
        options.onDelivered?.(delivery);
        deliveries.push(delivery);
        cursor = event.seq;
        if (stopped) return deliveries;
      }
    }
  }

  return {
    /** Delivers everything queued so far (including events handlers caused) and returns what happened. */
    deliverPending(): Promise<Delivery[]> {
      if (stopped) return Promise.resolve([]);
      running = running.then(drain, drain);
      return running;
    },
    /**
     * Delivery starts again after `position` (the outbox was reset): a drain under way stops after the
     * handler it is running and records nothing more.
     */
    restart(position = 0): void {
      generation++;
      cursor = position;
    },
    /**
     * Stops delivering. The handler under way gets `graceMs` to return (its outcome is then recorded);
     * after that it is abandoned: nothing it returns later is recorded, so its event is delivered again
     * on the next start. Resolves when the drain has ended or was abandoned.
     */
    async stop(graceMs = 5_000): Promise<void> {
      stopped = true;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const ended = running.then(
        () => true,
        () => true,
      );
      const gaveUp = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)));
      if (!(await Promise.race([ended, gaveUp]))) generation++;
      clearTimeout(timer);
    },
  };
}
