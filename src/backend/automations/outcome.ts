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
