import { createClient } from '@wix/sdk';
import { conversations, messages } from '@wix/inbox';
import { members } from '@wix/members';
import { contacts, submittedContact } from '@wix/crm';
import { createEmulator, type EmulatorOptions, type Identity, type IdentityType } from '../../local/emulator';
import { sequentialIds } from '../../local/emulator/context';

/** Any fetch-shaped handler: the in-process emulator or an HTTP origin. */
export type FetchHandler = (request: Request) => Promise<Response>;

/**
 * A handler that sends each request to `origin` over HTTP. The SDK addresses
 * `https://www.wixapis.com/...`; only the origin is replaced, so the path is the one Wix would see.
 */
export function overHttp(origin: string): FetchHandler {
  return async (request) => {
    const url = request.url.replace(/^https?:\/\/[^/]+/, origin);
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    return fetch(url, {
      method: request.method,
      headers: request.headers,
      body: hasBody ? await request.arrayBuffer() : null,
    });
  };
}

/** The SDK modules site code uses, on one client. */
export function sdkClient(handler: FetchHandler, token?: string) {
  return createClient({
    auth: {
      getAuthHeaders: async () => ({ headers: (token ? { Authorization: token } : {}) as Record<string, string> }),
    },
    modules: { messages, conversations, members, contacts, submittedContact },
    fetch: (url, init) => handler(new Request(url, init)),
  });
}

export type SdkClient = ReturnType<typeof sdkClient>;

/** Calls the control API (or any path) and returns status and parsed body. */
export function controlClient(handler: FetchHandler, origin = 'http://emulator.test') {
  async function call<T = Record<string, unknown>>(method: string, path: string, body?: unknown) {
    const response = await handler(
      new Request(origin + path, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
    return { status: response.status, body: (await response.json()) as T };
  }
  return {
    call,
    async createMember(email: string, name?: string) {
      const { body } = await call<{ member: { id: string; contactId: string } }>('POST', '/_emulator/v1/members', {
        email,
        ...(name ? { name } : {}),
      });
      return body.member;
    },
    async token(type: IdentityType, id?: string) {
      const { body } = await call<{ token: string; identity: Identity }>('POST', '/_emulator/v1/tokens', {
        type,
        ...(id ? { id } : {}),
      });
      return body;
    },
    /** Every conversation with every message: follows the route's pages (see allConversations). */
    conversations: () => allConversations(call),
    async requests() {
      return (await call<{ requests: RequestState[] }>('GET', '/_emulator/v1/requests')).body.requests;
    },
    async events() {
      return (await call<{ events: EventState[] }>('GET', '/_emulator/v1/events')).body.events;
    },
    /** Injects a fault of any kind (POST /_emulator/v1/faults with `rule` as the body). */
    async injectFault(rule: FaultRule) {
      return call('POST', '/_emulator/v1/faults', rule);
    },
    /** The common case: the next `count` matching requests answer `status`. */
    async fault(method: string, path: string, status: number, count = 1) {
      return call('POST', '/_emulator/v1/faults', { method, path, status, count });
    },
  };
}

/** The body of POST /_emulator/v1/faults; a test may send anything, valid or not. */
export type FaultRule = Record<string, unknown>;

export interface ConversationState {
  id: string;
  participant: Record<string, string>;
  messageCount: number;
  messages: Record<string, unknown>[];
}

type Call = <T>(method: string, path: string) => Promise<{ status: number; body: T }>;

/**
 * Every conversation, oldest first, each with all its messages: the control route's pages, followed
 * by cursor, with the largest message limit. Throws if a conversation holds more than that, rather than
 * let a test read a partial list.
 */
export async function allConversations(call: Call): Promise<ConversationState[]> {
  const all: ConversationState[] = [];
  let cursor: string | undefined;
  do {
    const query = `limit=100&messageLimit=10000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const { status, body } = await call<{ conversations: ConversationState[]; nextCursor?: string }>(
      'GET',
      `/_emulator/v1/conversations?${query}`,
    );
    if (status !== 200) throw new Error(`GET /_emulator/v1/conversations answered ${status}: ${JSON.stringify(body)}`);
    for (const conversation of body.conversations) {
      if (conversation.messages.length < conversation.messageCount) {
        throw new Error(
          `conversation ${conversation.id} holds ${conversation.messageCount} messages, more than a page`,
        );
      }
    }
    all.push(...body.conversations);
    cursor = body.nextCursor;
  } while (cursor);
  return all;
}
export interface RequestState {
  method: string;
  path: string;
  status: number;
  identity: Identity | null;
  operation: string | null;
  /** The kind of injected fault that applied (`status`, `timeout`, `drop`, `drop-after`). */
  fault?: string;
  /** A SendMessage's `sendNotifications` option as sent (false when left out). */
  sendNotifications?: boolean;
}
export interface EventState {
  id: string;
  name: string;
  payload: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * A fresh in-process emulator with predictable ids, plus SDK clients for an app (elevated code),
 * a Wix user, a member and an anonymous visitor.
 */
export async function setupEmulator(options: EmulatorOptions = {}) {
  const emulator = createEmulator({ ids: sequentialIds(), ...options });
  const control = controlClient(emulator.fetch);
  const member = await control.createMember('ann@example.com', 'Ann Lee');
  const [app, wixUser, memberToken, visitor] = await Promise.all([
    control.token('APP'),
    control.token('WIX_USER'),
    control.token('MEMBER', member.id),
    control.token('ANONYMOUS_VISITOR'),
  ]);
  return {
    emulator,
    control,
    member,
    visitorId: visitor.identity.id,
    app: sdkClient(emulator.fetch, app.token),
    appId: app.identity.id,
    wixUser: sdkClient(emulator.fetch, wixUser.token),
    wixUserId: wixUser.identity.id,
    asMember: sdkClient(emulator.fetch, memberToken.token),
    asVisitor: sdkClient(emulator.fetch, visitor.token),
    anonymous: sdkClient(emulator.fetch),
  };
}

/** What the SDK throws for a non-200 answer (inbox-contract.md §4.4). */
export interface SdkError {
  status?: number;
  message: string;
  details?: {
    applicationError?: { code: string | number; description: string; data?: unknown };
    validationError?: { fieldViolations: { field: string; description: string; violatedRule: string }[] };
  };
}

/**
 * Runs `action`, expecting the SDK to throw a Wix error with `status` and, when given, an application
 * error `code` or a field violation `{field, rule}`. On mismatch the failure shows the whole error.
 */
export async function expectWixError(
  action: Promise<unknown>,
  status: number,
  expected?: { code?: string | number; field?: string; rule?: string },
): Promise<SdkError> {
  let error: SdkError | undefined;
  try {
    await action;
  } catch (caught) {
    error = caught as SdkError;
  }
  const shown = () =>
    JSON.stringify({ status: error?.status, message: error?.message, details: error?.details }, null, 2);
  if (!error) throw new Error(`expected a ${status} Wix error, but the call succeeded`);
  if (error.status !== status) throw new Error(`expected status ${status}, got:\n${shown()}`);
  if (expected?.code !== undefined && error.details?.applicationError?.code !== expected.code) {
    throw new Error(`expected application error ${String(expected.code)}, got:\n${shown()}`);
  }
  if (expected?.field !== undefined) {
    const violations = error.details?.validationError?.fieldViolations ?? [];
    const match = violations.find(
      (v) => v.field === expected.field && (expected.rule === undefined || v.violatedRule === expected.rule),
    );
    if (!match) throw new Error(`expected violation ${expected.field} ${expected.rule ?? ''}, got:\n${shown()}`);
  }
  return error;
}
