import { localEpochMinutes } from './business-hours';
import { claim, readClaim, release } from './claims';
import type { AutomationConfig } from './config';
import { describeFailure } from './outcome';

/**
 * "At most one away message per conversation (or chat channel) every N hours", across backend
 * instances and redeliveries. Each away message claims its window, cut from the business's local
 * time (`businessHours.timeZone`, windows start at local midnight); and because a window boundary
 * would let a message just before it and one just after both get one, the previous window's claim
 * is read too: if it was sent less than N hours ago, nothing is sent. So two away messages are never
 * closer than N hours apart (a rolling limit), with claims that are only ever inserted.
 */
/** A reserved away-message window: given back when its away message could not be sent. */
export interface AwayWindow {
  release(): Promise<void>;
}

export async function reserveAwayMessage(
  scope: string,
  at: number,
  config: Pick<AutomationConfig, 'chatAutoReplies' | 'businessHours'>,
): Promise<AwayWindow | undefined> {
  const hours = config.chatAutoReplies.away.oncePerHours;
  const window = Math.floor(localEpochMinutes(new Date(at), config.businessHours.timeZone) / (hours * 60));
  const previous = await readClaim(`away:${scope}:${window - 1}`);
  const previousAt = typeof previous?.sentAt === 'number' ? previous.sentAt : undefined;
  if (previousAt !== undefined && at - previousAt < hours * 3_600_000) return undefined;
  const key = `away:${scope}:${window}`;
  if (!(await claim(key, { sentAt: at }))) return undefined;
  return { release: () => release(key) };
}

/**
 * The away message's send failed and its window could not be given back: the window stays taken, so
 * no redelivery will send the away message until the next window. Says both failures for the log.
 */
export class AwayWindowKept extends Error {
  constructor(sendError: unknown, releaseError: unknown) {
    super(
      `${describeFailure(sendError)}; the away window was not given back, so no retry sends the away message ` +
        `in this window: ${describeFailure(releaseError)}`,
    );
    this.name = 'AwayWindowKept';
  }
}

/**
 * Sends the away message of a reserved window. When the send fails, the window is given back, or a
 * redelivery would find it taken and send nothing; when that fails too, throws `AwayWindowKept`.
 */
export async function sendInWindow<T>(window: AwayWindow, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    await window.release().catch((releaseError: unknown) => {
      throw new AwayWindowKept(error, releaseError);
    });
    throw error;
  }
}
