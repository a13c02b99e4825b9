import { Hono } from 'hono';
import { z } from 'zod';
import type { EmulatorContext } from '../context';
import type { ApiEnv } from '../http/env';
import { readJsonBody } from '../http/read-request';
import { BUSINESS_IDENTITIES, requireIdentity } from '../identity';
import { parseOrThrow } from '../validation/field-violations';
import { bool, guid, text } from '../validation/wix-formats';
import { listChatMessages, sendChatMessage } from './channels';

/** No limit is documented for chat text; this one keeps a message within a sane size. */
const CHAT_TEXT_MAX = 16384;

const sendRequest = z.object({
  messageText: text({ min: 1, max: CHAT_TEXT_MAX }),
  sendAsVisitor: bool().nullish(),
  metadata: z.unknown().optional(),
});

/**
 * The emulator's own API behind the `wix-chat-backend` shim (Wix has no public Chat REST API any
 * more). Backend code calls it with the site's app identity.
 */
export function chatRoutes(ctx: EmulatorContext): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.post('/channels/:channelId/messages', async (c) => {
    c.set('operation', 'chat.sendMessage');
    requireIdentity(c.get('identity'), BUSINESS_IDENTITIES);
    const { channelId } = parseOrThrow(z.object({ channelId: guid() }), { channelId: c.req.param('channelId') });
    const request = parseOrThrow(sendRequest, await readJsonBody(c));
    const message = sendChatMessage(ctx, {
      channelId,
      text: request.messageText,
      sendAsVisitor: request.sendAsVisitor ?? false,
      metadata: request.metadata,
    });
    return c.json({ message });
  });

  routes.get('/channels/:channelId/messages', (c) => {
    c.set('operation', 'chat.listMessages');
    requireIdentity(c.get('identity'), BUSINESS_IDENTITIES);
    const { channelId } = parseOrThrow(z.object({ channelId: guid() }), { channelId: c.req.param('channelId') });
    return c.json({ messages: listChatMessages(ctx, channelId) });
  });

  return routes;
}
