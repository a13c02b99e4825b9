/**
 * This backend instance's memory of members' conversation ids, so a repeat action skips get-or-create.
 *
 * Only members are kept: a member's conversation id does not change (Wix changes a conversation's id
 * only when its participant moves up the visitor → contact → member ladder, and a member is at the top),
 * so a remembered id is either current or gone (a 404, after which the caller re-resolves). A contact's
 * conversation moves to a new id when the contact becomes a member, and an old id might still answer;
 * contacts are therefore always asked afresh. Bounded: the least recently used entry goes first.
 */
const MAX_ENTRIES = 500;

const idsByMember = new Map<string, string>();

export function rememberedConversationId(memberId: string): string | undefined {
  const id = idsByMember.get(memberId);
  if (id !== undefined) {
    // Re-inserting moves the entry to the end: Map iteration order is the eviction order.
    idsByMember.delete(memberId);
    idsByMember.set(memberId, id);
  }
  return id;
}

export function rememberConversationId(memberId: string, conversationId: string): void {
  idsByMember.delete(memberId);
  idsByMember.set(memberId, conversationId);
  while (idsByMember.size > MAX_ENTRIES) idsByMember.delete(idsByMember.keys().next().value!);
}

export function forgetConversationId(memberId: string): void {
  idsByMember.delete(memberId);
}

/** Forgets every id, as a new backend container starts with none (tests: one per fresh emulator). */
export function forgetAllConversationIds(): void {
  idsByMember.clear();
}

/** How many ids are remembered (for the bound's test). */
export function rememberedConversationCount(): number {
  return idsByMember.size;
}

export const CONVERSATION_ID_CACHE_SIZE = MAX_ENTRIES;
