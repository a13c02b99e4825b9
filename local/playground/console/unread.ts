import type { ConversationSummary } from './types';

const STORAGE_KEY = 'console.seen';

/**
 * What the admin has read: for each conversation opened, how many of the participant's messages
 * there were. Kept in localStorage, so unread counts survive a reload of the console.
 */
export class ReadState {
  private seen: Record<string, number>;

  constructor(private readonly storage: Storage = localStorage) {
    try {
      const saved = JSON.parse(storage.getItem(STORAGE_KEY) ?? '{}') as unknown;
      this.seen = typeof saved === 'object' && saved !== null ? (saved as Record<string, number>) : {};
    } catch {
      this.seen = {};
    }
  }

  /** Never opened: a conversation the admin has not looked at yet. */
  isNew(conversation: ConversationSummary): boolean {
    return !Object.hasOwn(this.seen, conversation.id);
  }

  /** The participant's messages since the admin last had the conversation open. */
  unread(conversation: ConversationSummary): number {
    const seen = Object.hasOwn(this.seen, conversation.id) ? this.seen[conversation.id]! : 0;
    return Math.max(0, conversation.participantMessageCount - seen);
  }

  markRead(conversation: ConversationSummary): void {
    if (this.seen[conversation.id] === conversation.participantMessageCount) return;
    this.seen[conversation.id] = conversation.participantMessageCount;
    this.storage.setItem(STORAGE_KEY, JSON.stringify(this.seen));
  }
}
