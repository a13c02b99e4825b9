/**
 * The one place an outbox payload becomes the event object Velo passes to events.js handlers: the
 * same JSON, with dates as `Date` objects where Velo gives them (message `_createdDate`, chat
 * `createdAt`).
 */
export function toVeloEvent(name: string, payload: unknown): unknown {
  const event = structuredClone(payload) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (name.startsWith('wixCrmInbox_') && typeof event?.data?.message?._createdDate === 'string') {
    event.data.message._createdDate = new Date(event.data.message._createdDate);
  }
  if (name === 'wixChat_onMessage' && typeof event?.createdAt === 'string') {
    event.createdAt = new Date(event.createdAt);
  }
  return event;
}
