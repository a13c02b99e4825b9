import type { Delivery } from '../velo/event-dispatcher';

/**
 * What `npm start` prints: one line per web-method call and per handled backend event, with the
 * skipped handlers of a batch summed up in one line, and expected errors in one line each.
 */

const OUTCOME_LINE = '{"source":"inbox-connector"';

/** A handler's outcome (`{ status, detail }`), or what it returned instead. */
function outcomeOf(result: unknown): { status: string; detail?: string } {
  if (result && typeof result === 'object' && typeof (result as { status?: unknown }).status === 'string') {
    const { status, detail } = result as { status: string; detail?: unknown };
    return { status, ...(typeof detail === 'string' ? { detail } : {}) };
  }
  return { status: 'returned' };
}

/** One line per delivery that did something, then one line for all the skipped ones of the batch. */
export function deliveryLines(deliveries: readonly Delivery[]): string[] {
  const lines: string[] = [];
  const skipped = new Map<string, number>();
  for (const delivery of deliveries) {
    const { status, detail } = outcomeOf(delivery.result);
    if (status === 'skipped') {
      const reason = detail ?? 'no reason given';
      skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
      continue;
    }
    lines.push(
      `event  ${delivery.name} → ${status}${detail ? `: ${detail}` : ''}${delivery.redelivery ? ' (redelivery)' : ''}`,
    );
  }
  const total = [...skipped.values()].reduce((a, b) => a + b, 0);
  if (total > 0) {
    const reasons = [...skipped].map(([reason, count]) => (count > 1 ? `${reason} ×${count}` : reason)).join('; ');
    lines.push(`event  ${total} handler${total === 1 ? '' : 's'} skipped (${reasons})`);
  }
  return lines;
}

/** `web    inbox.web.sendMemberMessage → 200 ok (12 ms)`; the error code when the method answered one. */
export function webMethodLine(path: string, status: number, ms: number, errorCode?: string): string {
  const name = path.replace(/^\/_webMethods\//, '').replace('/', '.');
  return `web    ${name} → ${status} ${errorCode ?? (status < 400 ? 'ok' : 'refused')} (${ms} ms)`;
}

/** An error message on one line: the Wix SDK puts the whole JSON error body in `message`. */
function messageOf(error: Error): string {
  try {
    const body = JSON.parse(error.message) as { message?: unknown };
    if (typeof body.message === 'string') return body.message;
  } catch {
    // Not JSON: the message as written.
  }
  return error.message.replace(/\s*\n\s*/g, ' ');
}

/** One line for a logged value: an error's name, message and HTTP status, never its stack. */
function oneLine(value: unknown): string {
  if (value instanceof Error) {
    const status =
      (value as { status?: unknown }).status ?? (value as { response?: { status?: unknown } }).response?.status;
    return `${value.name}: ${messageOf(value)}${typeof status === 'number' ? ` (status ${status})` : ''}`;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Makes the terminal readable: handler outcome lines (the site's structured logs, meant for Velo's
 * site logs) are dropped because the playground prints its own line per event, and an error logged
 * by site code prints on one line. `verbose` keeps everything as the code wrote it.
 */
export function quietConsole(verbose: boolean): void {
  if (verbose) return;
  const log = console.log.bind(console);
  const error = console.error.bind(console);
  console.log = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith(OUTCOME_LINE)) return;
    log(...args);
  };
  console.error = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith(OUTCOME_LINE)) return;
    error(args.map(oneLine).join(' '));
  };
}
