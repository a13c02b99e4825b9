import { Hono } from 'hono';
import { z } from 'zod';
import type { EmulatorContext } from '../context';
import { NotFound } from '../errors';
import type { ApiEnv } from '../http/env';
import { readJsonBody, readQuery } from '../http/read-request';
import { BUSINESS_IDENTITIES, requireIdentity } from '../identity';
import { parseOrThrow } from '../validation/field-violations';
import { exactlyOneOf, guid } from '../validation/wix-formats';
import { getConversation, getOrCreateConversation } from './conversations';
import { listMessagesRequest, sendMessageRequest } from './message-schema';
import { listMessages, sendMessageJson } from './messages';

const getOrCreateRequest = z.object({
  participantId: z
    .object(
      { contactId: guid().nullish(), anonymousVisitorId: guid().nullish(), memberId: guid().nullish() },
      {
        error: (issue) => (issue.input === undefined || issue.input === null ? 'is required' : 'must be an object'),
      },
    )
    .superRefine(exactlyOneOf(['contactId', 'anonymousVisitorId', 'memberId'], 'participantId')),
});

const getConversationRequest = z.object({ conversationId: guid() });

/** The content type `c.json` answers with, for an answer that is already JSON text. */
const JSON_ANSWER = { 'content-type': 'application/json' };

/**
 * Inbox v2 Messages and Conversations (inbox-contract.md §1). Mounted at `/inbox/v2` and at
 * `/crm/inbox/v2`, the path the SDK uses on hosts other than www.wixapis.com. As on Wix, only a Wix
 * user or an app (an elevated call) may call them: the identity check comes before validation.
 */
export function inboxRoutes(ctx: EmulatorContext): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  // Platform variant `inbox: not-installed`: a site without the Inbox app. The code is the one Wix's
  // typings give SendMessage and ListMessages; for the conversation methods, which list no code, the
  // emulator answers the same (docs/emulator-contract.md). The caller's identity is checked first.
  routes.use('*', async (c, next) => {
    if (ctx.variants.inbox === 'not-installed') {
      requireIdentity(c.get('identity'), BUSINESS_IDENTITIES);
      throw new NotFound('INBOX_INSTANCE_NOT_FOUND', 'Inbox is not installed on this site.');
    }
    await next();
  });

  routes.post('/messages', async (c) => {
    c.set('operation', 'inbox.sendMessage');
    const caller = requireIdentity(c.get('identity'), BUSINESS_IDENTITIES);
    const request = parseOrThrow(sendMessageRequest, await readJsonBody(c));
    c.set('sendNotifications', request.sendNotifications ?? false);
    return c.body(await sendMessageJson(ctx, caller, request), 200, JSON_ANSWER);
  });

  routes.get('/messages', (c) => {
    c.set('operation', 'inbox.listMessages');
    requireIdentity(c.get('identity'), BUSINESS_IDENTITIES);
    const request = parseOrThrow(listMessagesRequest, readQuery(c));
    return c.json(listMessages(ctx, request));
  });

  routes.post('/conversations', async (c) => {
    c.set('operation', 'inbox.getOrCreateConversation');
    requireIdentity(c.get('identity'), BUSINESS_IDENTITIES);
    const request = parseOrThrow(getOrCreateRequest, await readJsonBody(c));
    return c.json(getOrCreateConversation(ctx, request.participantId));
  });

  routes.get('/conversations/:conversationId', (c) => {
    c.set('operation', 'inbox.getConversation');
    requireIdentity(c.get('identity'), BUSINESS_IDENTITIES);
    const request = parseOrThrow(getConversationRequest, { conversationId: c.req.param('conversationId') });
    return c.json({ conversation: getConversation(ctx, request.conversationId) });
  });

  return routes;
}
