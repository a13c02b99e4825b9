/**
 * Timers for call timeouts, grouped by deadline rounded up to GRANULARITY_MS: one Node timer per
 * group instead of one per call. Nearly every call to Wix answers long before its timeout and cancels
 * it, and setting and clearing a Node timer for each was a measurable part of what a web method costs
 * over the SDK call it wraps (`npm run bench`). A timeout fires up to GRANULARITY_MS late, which does
 * not matter for a timeout of seconds.
 */
const GRANULARITY_MS = 100;

const groups = new Map<number, Set<() => void>>();

/** A new group of timers due at `due`, with the one Node timer that fires them. */
function groupDueAt(due: number): Set<() => void> {
  const group = new Set<() => void>();
  groups.set(due, group);
  const timer = setTimeout(
    () => {
      groups.delete(due);
      for (const fire of group) fire();
    },
    Math.max(0, due - Date.now()),
  );
  // An emptied group's timer stays set (it costs nothing when it fires), so it must not keep the
  // process alive; a call that is still waiting keeps it alive by its own pending work.
  timer.unref();
  return group;
}

/** Runs `onTimeout` after at least `ms` unless the returned cancel runs first. */
export function startCoarseTimer(ms: number, onTimeout: () => void): () => void {
  const due = Math.ceil((Date.now() + ms) / GRANULARITY_MS) * GRANULARITY_MS;
  const group = groups.get(due) ?? groupDueAt(due);
  // A fresh function per call, so two calls passing the same callback are cancelled separately.
  const entry = () => onTimeout();
  group.add(entry);
  return () => {
    group.delete(entry);
  };
}
