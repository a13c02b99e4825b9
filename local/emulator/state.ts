import { setTimeout as sleep } from 'node:timers/promises';
import type { Identity } from './identity';

/** One API request as the control API reports it. */
export interface RequestLogEntry {
  method: string;
  path: string;
  /** The status answered; for a `drop` fault 0 (no answer), for `drop-after` the status that was lost. */
  status: number;
  identity: Identity | null;
  operation: string | null;
  /**
   * A SendMessage's `sendNotifications` option (false when left out, Wix's default), so tests can see
   * who would be notified. Kept here, in the control API's view, never in Wix's answer.
   */
  sendNotifications?: boolean;
  /** The kind of injected fault that applied to this request; absent for an ordinary request. */
  fault?: FaultKind;
}

/**
 * What an injected fault does to a matching API request:
 * - `status`: answers at once with `status` and a Wix error body; the request is not processed;
 * - `timeout`: answers the same way, but only after `delayMs` (a slow or hung Wix);
 * - `drop`: closes the connection without an answer; the request is not processed;
 * - `drop-after`: processes the request, then closes the connection instead of answering (a lost answer).
 */
export const FAULT_KINDS = ['status', 'timeout', 'drop', 'drop-after'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Fault {
  method: string;
  path: string;
  kind: FaultKind;
  /** The answer of a `status` or `timeout` fault. */
  status: number;
  /** How long a `timeout` fault holds the request. */
  delayMs: number;
  remaining: number;
}

export interface NewFault {
  method: string;
  path: string;
  kind?: FaultKind;
  status?: number;
  delayMs?: number;
  count: number;
}

/** A `timeout` fault without a status answers 504, as a gateway that gave up would. */
export const DEFAULT_TIMEOUT_STATUS = 504;
export const DEFAULT_TIMEOUT_DELAY_MS = 30_000;

/** Paths as the SDK sends them on non-Wix hosts map to the www.wixapis.com paths. */
export function canonicalPath(path: string): string {
  return path.replace(/^\/crm(?=\/inbox\/)/, '').replace(/^\/_api(?=\/)/, '');
}

const MAX_LOGGED_REQUESTS = 100_000;

/**
 * Test aids that do not need to survive a restart: the request log, pending faults and requests held
 * by `timeout` faults. Everything a site would rely on lives in SQLite.
 */
export class EmulatorState {
  private requests: RequestLogEntry[] = [];
  private faults: Fault[] = [];
  /** Aborted on reset and close, so no held request outlives the state it was held in. */
  private holds = new AbortController();

  logRequest(entry: RequestLogEntry): void {
    // Drop the oldest tenth at once: shifting one entry per request would copy the array each time.
    if (this.requests.length >= MAX_LOGGED_REQUESTS) this.requests.splice(0, MAX_LOGGED_REQUESTS / 10);
    this.requests.push(entry);
  }

  requestLog(): readonly RequestLogEntry[] {
    return this.requests;
  }

  addFault(fault: NewFault): void {
    const kind = fault.kind ?? 'status';
    this.faults.push({
      method: fault.method.toUpperCase(),
      path: fault.path,
      kind,
      status: fault.status ?? DEFAULT_TIMEOUT_STATUS,
      delayMs: fault.delayMs ?? DEFAULT_TIMEOUT_DELAY_MS,
      remaining: fault.count,
    });
  }

  /** The fault that applies to this request, if any; using it counts down its remaining uses. */
  takeFault(method: string, path: string): Fault | undefined {
    if (this.faults.length === 0) return undefined;
    const target = canonicalPath(path);
    const fault = this.faults.find(
      (f) => f.remaining > 0 && f.method === method.toUpperCase() && pathMatches(canonicalPath(f.path), target),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }

  /**
   * Waits `ms` for a `timeout` fault. Ends early when the client goes away (`signal`) or the state is
   * reset or closed. The timer does not keep the process alive.
   */
  async hold(ms: number, signal?: AbortSignal): Promise<void> {
    const release = signal ? AbortSignal.any([this.holds.signal, signal]) : this.holds.signal;
    // An early release rejects with an AbortError: for a held request that only means "answer now".
    await sleep(ms, undefined, { signal: release, ref: false }).catch(() => undefined);
  }

  /** Lets every held request answer now (used by reset and close). */
  releaseHeld(): void {
    this.holds.abort();
    this.holds = new AbortController();
  }

  reset(): void {
    this.requests = [];
    this.faults = [];
    this.releaseHeld();
    for (const listener of this.resetListeners) listener();
  }

  private resetListeners = new Set<() => void>();

  /** Runs `listener` after every reset, before the reset request is answered; returns an unsubscribe. */
  onReset(listener: () => void): () => void {
    this.resetListeners.add(listener);
    return () => this.resetListeners.delete(listener);
  }
}

/** A fault path matches exactly, or as a prefix when it ends in `*`. */
function pathMatches(pattern: string, path: string): boolean {
  return pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : pattern === path;
}
