import type { MessageContent } from '../../../src/public/message-content';
import type { ChatChannelSummary } from '../chat-channels';
import type { DeliveryLogEntry } from '../console-api';
import type { PlaygroundSession } from '../session';
import type { ConversationPage, MessagePage, RestMessage } from './types';

/** One line of a Wix error: the field and what is wrong with it, or an application error's code. */
interface ErrorLine {
  field: string;
  description: string;
}

/** A refused or failed request, with Wix's error body taken apart for display. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly lines: ErrorLine[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface WixErrorBody {
  message?: unknown;
  details?: {
    validationError?: { fieldViolations?: { field?: unknown; description?: unknown; violatedRule?: unknown }[] };
    applicationError?: { code?: unknown; description?: unknown };
  };
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Reads Wix's `{ message, details: { validationError | applicationError } }` body. */
function toApiError(status: number, body: unknown): ApiError {
  const wix = (body && typeof body === 'object' ? body : {}) as WixErrorBody;
  const lines: ErrorLine[] = [];
  for (const violation of wix.details?.validationError?.fieldViolations ?? []) {
    const rule = str(violation.violatedRule);
    lines.push({
      field: str(violation.field),
      description: str(violation.description) + (rule ? ` (${rule})` : ''),
    });
  }
  const app = wix.details?.applicationError;
  if (app) lines.push({ field: str(app.code), description: str(app.description) });
  return new ApiError(str(wix.message) || `The server answered ${status}.`, status, lines);
}

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError('Could not reach the playground server. Is `npm start` still running?', 0);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw toApiError(response.status, body);
  if (body === undefined) throw new ApiError(`The server answered ${response.status} without JSON.`, response.status);
  return body as T;
}

export const loadSession = () => request<Pick<PlaygroundSession, 'identities'>>('/_playground/session');

export function listConversations(cursor: string | undefined, limit: number): Promise<ConversationPage> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set('cursor', cursor);
  return request<ConversationPage>(`/_playground/conversations?${query}`);
}

export async function listChatChannels(): Promise<ChatChannelSummary[]> {
  return (await request<{ channels: ChatChannelSummary[] }>('/_playground/chat-channels')).channels;
}

export async function listDeliveries(limit: number): Promise<DeliveryLogEntry[]> {
  return (await request<{ deliveries: DeliveryLogEntry[] }>(`/_playground/deliveries?limit=${limit}`)).deliveries;
}

/** The Inbox API as the business (a Wix user): every message, including business-only ones. */
export class InboxApi {
  constructor(private readonly token: string) {}

  /** One page of a conversation's messages, newest first. */
  listMessages(conversationId: string, cursor?: string, limit = 30): Promise<MessagePage> {
    const query = new URLSearchParams({ conversationId, visibility: 'BUSINESS', 'paging.limit': String(limit) });
    if (cursor) query.set('paging.cursor', cursor);
    return request<MessagePage>(`/inbox/v2/messages?${query}`, { headers: { authorization: this.token } });
  }

  /** Sends a reply the participant sees, without notifying them. */
  async sendReply(conversationId: string, content: MessageContent): Promise<RestMessage> {
    const body = {
      conversationId,
      message: { content, direction: 'BUSINESS_TO_PARTICIPANT', visibility: 'BUSINESS_AND_PARTICIPANT' },
      sendNotifications: false,
    };
    const result = await request<{ message: RestMessage }>('/inbox/v2/messages', {
      method: 'POST',
      headers: { authorization: this.token, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return result.message;
  }
}
