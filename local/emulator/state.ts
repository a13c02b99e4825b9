import type { Identity } from './identity';

/** One API request as the control API reports it. */
export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  identity: Identity | null;
  operation: string | null;
}

export interface Fault {
  method: string;
  path: string;
  status: number;
  remaining: number;
}

/** Paths as the SDK sends them on non-Wix hosts map to the www.wixapis.com paths. */
export function canonicalPath(path: string): string {
  return path.replace(/^\/crm(?=\/inbox\/)/, '').replace(/^\/_api(?=\/)/, '');
}

const MAX_LOGGED_REQUESTS = 100_000;

/**
 * Test aids that do not need to survive a restart: the request log and pending faults. Everything a
 * site would rely on lives in SQLite.
 */
export class EmulatorState {
  private requests: RequestLogEntry[] = [];
  private faults: Fault[] = [];

  logRequest(entry: RequestLogEntry): void {
    // Drop the oldest tenth at once: shifting one entry per request would copy the array each time.
    if (this.requests.length >= MAX_LOGGED_REQUESTS) this.requests.splice(0, MAX_LOGGED_REQUESTS / 10);
    this.requests.push(entry);
  }

  requestLog(): readonly RequestLogEntry[] {
    return this.requests;
  }

  addFault(fault: Omit<Fault, 'remaining'> & { count: number }): void {
    this.faults.push({
      method: fault.method.toUpperCase(),
      path: fault.path,
      status: fault.status,
      remaining: fault.count,
    });
  }

  /** The fault that applies to this request, if any; using it counts down its remaining uses. */
  takeFault(method: string, path: string): Fault | undefined {
    const target = canonicalPath(path);
    const fault = this.faults.find(
      (f) => f.remaining > 0 && f.method === method.toUpperCase() && pathMatches(canonicalPath(f.path), target),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }

  reset(): void {
    this.requests = [];
    this.faults = [];
  }
}

/** A fault path matches exactly, or as a prefix when it ends in `*`. */
function pathMatches(pattern: string, path: string): boolean {
  return pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : pattern === path;
}
