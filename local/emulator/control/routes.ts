import { Hono } from 'hono';
import { z } from 'zod';
import { likePost } from '../blog/likes';
import { createChannel, sendChatMessage } from '../chat/channels';
import type { EmulatorContext } from '../context';
import { NotFound } from '../errors';
import { listEvents, redeliverEvent } from '../events/outbox';
import { formsControlRoutes } from '../forms/routes';
import { readJsonBody } from '../http/read-request';
import { IDENTITY_TYPES, mintToken } from '../identity';
import { sendMessage } from '../inbox/messages';
import { createMember, findMember } from '../members/members';
import { setSecret } from '../secrets/routes';
import { conversationsRoute } from './conversations-route';
import { FAULT_KINDS, type EmulatorState } from '../state';
import { resetDatabase } from '../store/database';
import { parseOrThrow } from '../validation/field-violations';
import { exactlyOneOf, guid, integer, oneOfValues, text } from '../validation/wix-formats';

const memberRequest = z.object({
  email: text({ max: 255 }).regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { error: 'must be an email address' }),
  name: text({ min: 1, max: 100 }).nullish(),
  id: guid().nullish(),
});

const tokenRequest = z.object({ type: oneOfValues(IDENTITY_TYPES), id: guid().nullish() });

/** Set: neither absent nor null (the control API, like Wix, accepts null for an absent field). */
const given = (value: unknown) => value !== undefined && value !== null;

const faultRequest = z
  .object({
    method: oneOfValues(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    path: text({ min: 1, max: 2000 }).regex(/^\//, { error: 'must start with /' }),
    kind: oneOfValues(FAULT_KINDS).nullish(),
    status: integer({ min: 400, max: 599 }).nullish(),
    delayMs: integer({ min: 0, max: 120_000 }).nullish(),
    count: integer({ min: 1, max: 10_000 }).nullish(),
  })
  .superRefine((fault, issues) => {
    const kind = fault.kind ?? 'status';
    const problem = (path: string, message: string, violatedRule: string) =>
      issues.addIssue({ code: 'custom', path: [path], message, params: { violatedRule } });
    // `status` is the answer: required for a status fault, optional for a timeout (504), meaningless for a drop.
    if (kind === 'status' && !given(fault.status)) problem('status', 'is required', 'REQUIRED_FIELD');
    if (kind.startsWith('drop') && given(fault.status)) {
      problem('status', `is not allowed for kind ${kind}: nothing is answered`, 'FIELD_NOT_ALLOWED');
    }
    if (kind !== 'timeout' && given(fault.delayMs)) {
      problem('delayMs', 'is allowed only for kind timeout', 'FIELD_NOT_ALLOWED');
    }
  });

const likeRequest = z
  .object({ postId: text({ min: 1, max: 100 }), memberId: guid().nullish(), anonymousVisitorId: guid().nullish() })
  .superRefine(exactlyOneOf(['memberId', 'anonymousVisitorId'], 'the liker'));

const chatMessageRequest = z.object({
  channelId: guid(),
  text: text({ min: 1, max: 16384 }),
  direction: oneOfValues(['VisitorToBusiness', 'BusinessToVisitor']),
  metadata: z.record(z.string(), z.unknown()).nullish(),
});

const widgetMessageRequest = z.object({ conversationId: guid(), text: text({ min: 1, max: 16384 }) });

const secretRequest = z.object({ name: text({ min: 1, max: 200 }), value: text({ min: 1, max: 10_000 }) });

const channelRequest = z
  .object({ memberId: guid().nullish(), anonymousVisitorId: guid().nullish() })
  .superRefine(exactlyOneOf(['memberId', 'anonymousVisitorId'], 'the channel visitor'));

/**
 * The control API, apart from the emulated Wix paths (as firebase-tools keeps `/emulator/v1`).
 * Tests and tools use it to set up identities, inspect state and inject faults. It needs no token:
 * the emulator listens on loopback only.
 */
export function controlRoutes(ctx: EmulatorContext, state: EmulatorState): Hono {
  const routes = new Hono();

  routes.get('/health', (c) => c.json({ ok: true }));

  routes.post('/reset', (c) => {
    resetDatabase(ctx.db);
    state.reset();
    return c.json({});
  });

  routes.post('/members', async (c) => {
    const request = parseOrThrow(memberRequest, await readJsonBody(c));
    const member = createMember(ctx, {
      email: request.email,
      ...(request.name ? { name: request.name } : {}),
      ...(request.id ? { id: request.id } : {}),
    });
    return c.json({ member });
  });

  routes.post('/tokens', async (c) => {
    const request = parseOrThrow(tokenRequest, await readJsonBody(c));
    let id = request.id ?? undefined;
    if (request.type === 'MEMBER') {
      // A member token must name a real member; without an id, a new member is registered.
      if (id && !findMember(ctx.db, id)) {
        throw new NotFound('MEMBER_NOT_FOUND', `No member ${id}: create it first with POST /_emulator/v1/members.`);
      }
      id ??= createMember(ctx, { email: `member-${ctx.ids.uuid().slice(0, 8)}@example.com` }).id;
    }
    const identity = { type: request.type, id: id ?? ctx.ids.uuid() };
    return c.json({ token: mintToken(ctx.db, identity), identity });
  });

  routes.get('/conversations', conversationsRoute(ctx));

  routes.get('/requests', (c) => c.json({ requests: state.requestLog() }));

  routes.get('/events', (c) => {
    const after = Number(c.req.query('after') ?? 0);
    const events = listEvents(ctx, Number.isSafeInteger(after) && after > 0 ? after : 0);
    return c.json({
      events: events.map(({ seq, id, name, payload, redelivery }) => ({ seq, id, name, payload, redelivery })),
    });
  });

  routes.post('/faults', async (c) => {
    const request = parseOrThrow(faultRequest, await readJsonBody(c));
    state.addFault({
      method: request.method,
      path: request.path,
      kind: request.kind ?? undefined,
      status: request.status ?? undefined,
      delayMs: request.delayMs ?? undefined,
      count: request.count ?? 1,
    });
    return c.json({});
  });

  routes.post('/events/:id/redeliver', (c) => {
    const id = c.req.param('id');
    if (!redeliverEvent(ctx, id)) throw new NotFound('EVENT_NOT_FOUND', `No event with id ${id}.`);
    return c.json({});
  });

  routes.post('/blog/likes', async (c) => {
    const request = parseOrThrow(likeRequest, await readJsonBody(c));
    const liker = request.memberId
      ? { memberId: request.memberId }
      : { anonymousVisitorId: request.anonymousVisitorId! };
    return c.json(likePost(ctx, request.postId, liker));
  });

  routes.route('/forms', formsControlRoutes(ctx));

  routes.post('/chat/messages', async (c) => {
    const request = parseOrThrow(chatMessageRequest, await readJsonBody(c, ['metadata']));
    const message = sendChatMessage(ctx, {
      channelId: request.channelId,
      text: request.text,
      sendAsVisitor: request.direction === 'VisitorToBusiness',
      ...(request.metadata ? { metadata: request.metadata } : {}),
    });
    return c.json({ message });
  });

  // A visitor types in the site's chat widget: a CHAT message from the participant to the business, in
  // their Inbox conversation, raising wixCrmInbox_onMessageSentToBusiness as on Wix.
  routes.post('/inbox/chat-messages', async (c) => {
    const request = parseOrThrow(widgetMessageRequest, await readJsonBody(c));
    const widget = { type: 'APP' as const, id: ctx.site.siteAppId };
    return c.json(
      sendMessage(
        ctx,
        widget,
        {
          conversationId: request.conversationId,
          message: {
            content: { basic: { items: [{ text: request.text }] } },
            direction: 'PARTICIPANT_TO_BUSINESS',
            visibility: 'BUSINESS_AND_PARTICIPANT',
            sourceChannel: 'CHAT',
          },
          sendAs: 'PARTICIPANT',
        } as Parameters<typeof sendMessage>[2],
        { fromChatWidget: true },
      ),
    );
  });

  routes.post('/secrets', async (c) => {
    const request = parseOrThrow(secretRequest, await readJsonBody(c));
    setSecret(ctx, request.name, request.value);
    return c.json({});
  });

  routes.post('/chat/channels', async (c) => {
    const request = parseOrThrow(channelRequest, await readJsonBody(c));
    const channel = createChannel(
      ctx,
      request.memberId ? { memberId: request.memberId } : { anonymousVisitorId: request.anonymousVisitorId! },
    );
    return c.json({ channel });
  });

  return routes;
}
