/** What a backend event handler did with one event; also written as one structured log line. */
export interface Outcome {
  status: 'done' | 'skipped' | 'duplicate' | 'throttled' | 'invalid' | 'failed';
  detail: string;
}

/**
 * One JSON log line per handled event (Velo's site logs keep console output). Never includes message
 * text or personal data, only ids and what was done.
 */
export function logOutcome(handler: string, eventId: string | undefined, outcome: Outcome): Outcome {
  const line = JSON.stringify({ source: 'inbox-connector', handler, eventId, ...outcome });
  if (outcome.status === 'failed' || outcome.status === 'invalid') console.error(line);
  else console.log(line);
  return outcome;
}
