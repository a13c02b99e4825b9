/**
 * Jest setup (setupFilesAfterEnv): the site's event handlers write one JSON outcome line per event,
 * for the Velo site logs. In tests those lines are noise that buries the results, so they are dropped
 * here; a test that asserts on them spies on `console.log` / `console.error` (the spy records every
 * call before this filter runs).
 */
const OUTCOME_LINE = '{"source":"inbox-connector"';

for (const level of ['log', 'error'] as const) {
  const write = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith(OUTCOME_LINE)) return;
    write(...args);
  };
}
