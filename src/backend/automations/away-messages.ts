import { localEpochMinutes } from './business-hours';
import { claim, readClaim, release } from './claims';
import type { AutomationConfig } from './config';

/**
 * "At most one away message per conversation (or chat channel) every N hours", across backend
 * instances and redeliveries. Each away message claims its window, cut from the business's local
 * time (`businessHours.timeZone`, windows start at local midnight); and because a window boundary
 * would let a message just before it and one just after both get one, the previous window's claim
 * is read too: if it was sent less than N hours ago, nothing is sent. So two away messages are never
 * closer than N hours apart (a rolling limit), with claims that are only ever inserted.
 */
export async function reserveAwayMessage(
  scope: string,
  at: number,
  config: Pick<AutomationConfig, 'chatAutoReplies' | 'businessHours'>,
): Promise<{ release(): Promise<void> } | undefined> {
  const hours = config.chatAutoReplies.away.oncePerHours;
  const window = Math.floor(localEpochMinutes(new Date(at), config.businessHours.timeZone) / (hours * 60));
  const previous = await readClaim(`away:${scope}:${window - 1}`);
  const previousAt = typeof previous?.sentAt === 'number' ? previous.sentAt : undefined;
  if (previousAt !== undefined && at - previousAt < hours * 3_600_000) return undefined;
  const key = `away:${scope}:${window}`;
  if (!(await claim(key, { sentAt: at }))) return undefined;
  return { release: () => release(key) };
}
