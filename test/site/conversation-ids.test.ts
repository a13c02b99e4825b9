import {
  CONVERSATION_ID_CACHE_SIZE,
  forgetAllConversationIds,
  rememberConversationId,
  rememberedConversationCount,
  rememberedConversationId,
} from 'backend/lib/conversation-ids';

beforeEach(forgetAllConversationIds);

it('keeps at most its bound, dropping the least recently used member first', () => {
  for (let i = 0; i < CONVERSATION_ID_CACHE_SIZE; i++) rememberConversationId(`member-${i}`, `conversation-${i}`);
  expect(rememberedConversationId('member-0')).toBe('conversation-0'); // used: now the most recent
  rememberConversationId('member-new', 'conversation-new');
  expect(rememberedConversationCount()).toBe(CONVERSATION_ID_CACHE_SIZE);
  expect(rememberedConversationId('member-1')).toBeUndefined();
  expect(rememberedConversationId('member-0')).toBe('conversation-0');
  expect(rememberedConversationId('member-new')).toBe('conversation-new');
});

it("replaces a member's id rather than keeping two", () => {
  rememberConversationId('member', 'old');
  rememberConversationId('member', 'current');
  expect(rememberedConversationId('member')).toBe('current');
  expect(rememberedConversationCount()).toBe(1);
});
