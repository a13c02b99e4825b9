/** What a backend event handler did with one event; also written as one structured log line. */
export interface Outcome {
  status: 'done' | 'skipped' | 'duplicate' | 'throttled' | 'invalid' | 'failed';
  detail: string;
}

/**
 * One JSON log line per handled event, named by its claim key (or event id when the payload was
 * rejected) (Velo's site logs keep console output). Never includes message
 * text or personal data, only ids and what was done.
 */
export function logOutcome(handler: string, key: string | undefined, outcome: Outcome): Outcome {
  const line = JSON.stringify({ source: 'inbox-connector', handler, key, ...outcome });
  if (outcome.status === 'failed' || outcome.status === 'invalid') console.error(line);
  else console.log(line);
  return outcome;
}

/** A short, data-free description of a failure for the log. */
export function describeFailure(error: unknown): string {
  const status = (error as { status?: unknown })?.status;
  const name = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 200) : '';
  return typeof status === 'number' ? `${name} (status ${status})` : `${name}: ${message}`;
}
