/** The shapes the console reads: the playground's own routes and the Inbox v2 REST API (JSON as sent). */

export interface Session {
  identities: {
    visitor: { token: string; id: string };
    member: { token: string; id: string; name: string };
    admin: { token: string; id: string };
  };
}

export interface Participant {
  memberId?: string;
  contactId?: string;
  anonymousVisitorId?: string;
}

export interface ConversationSummary {
  id: string;
  participant: Participant;
  participantName?: string | null;
  lastMessage: RestMessage | null;
  messageCount: number;
}

export interface ConversationPage {
  conversations: ConversationSummary[];
  nextCursor?: string;
}

export type Direction = 'PARTICIPANT_TO_BUSINESS' | 'BUSINESS_TO_PARTICIPANT';
export type Visibility = 'BUSINESS' | 'BUSINESS_AND_PARTICIPANT';

export interface ImageMedia {
  url: string;
  filename?: string;
  width?: number;
  height?: number;
}

export interface FileMedia {
  url: string;
  filename?: string;
  mimeType?: string;
}

/** A basic item or a form media item: exactly one member is set. */
export interface MediaItem {
  text?: string;
  image?: ImageMedia;
  file?: FileMedia;
}

export interface TemplateButton {
  label: string;
  launchUrl?: string;
  postbackProperties?: { interactionId: string; appId?: string };
}

export interface Content {
  previewText?: string;
  contentType?: string;
  basic?: { items: MediaItem[] };
  template?: {
    title?: string;
    imageUrl?: string;
    orientation?: string;
    textLines?: string[];
    buttons?: TemplateButton[];
  };
  minimal?: { text: string; iconUrl?: string; url?: string };
  form?: { title?: string; description?: string; fields?: { name: string; value: string }[]; media?: MediaItem[] };
}

export interface Badge {
  text: string;
  badgeVisibility?: string;
  iconUrl?: string;
}

export interface RestMessage {
  id: string;
  sequence: string;
  createdDate?: string;
  direction: Direction;
  visibility: Visibility;
  sender?: { wixUserId?: string; appId?: string } & Participant;
  badges?: Badge[];
  content: Content;
}

export interface MessagePage {
  messages: RestMessage[];
  pagingMetadata?: { count?: number; cursors?: { next?: string }; hasNext?: boolean };
}

/** What the composer sends as `message.content`. */
export type OutgoingContent =
  | { basic: { items: { text: string }[] } }
  | {
      template: {
        title?: string;
        imageUrl?: string;
        textLines: string[];
        buttons: (
          { label: string; launchUrl: string } | { label: string; postbackProperties: { interactionId: string } }
        )[];
      };
    };

export interface Delivery {
  seq: number;
  eventId: string;
  name: string;
  redelivery: boolean;
  /** What the handler returned: usually `{ status, detail }`, but any value (or nothing). */
  result?: unknown;
  deliveredAt: string;
}
