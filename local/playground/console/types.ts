/** How the console reads the Inbox v2 REST API's messages (JSON as sent); the playground's routes type the rest. */

import type { Participant } from '../../emulator/inbox/conversations';
import type { BADGE_VISIBILITIES, DIRECTIONS, ORIENTATIONS, VISIBILITIES } from '../../emulator/inbox/message-schema';
import type { ConversationPage as Page, ConversationSummary as Summary } from '../console-api';

export type ConversationSummary = Summary<RestMessage>;
export type ConversationPage = Page<RestMessage>;

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
    orientation?: (typeof ORIENTATIONS)[number];
    textLines?: string[];
    buttons?: TemplateButton[];
  };
  minimal?: { text: string; iconUrl?: string; url?: string };
  form?: { title?: string; description?: string; fields?: { name: string; value: string }[]; media?: MediaItem[] };
}

export interface Badge {
  text: string;
  badgeVisibility?: (typeof BADGE_VISIBILITIES)[number];
  iconUrl?: string;
}

export interface RestMessage {
  id: string;
  sequence: string;
  createdDate?: string;
  direction: (typeof DIRECTIONS)[number];
  visibility: (typeof VISIBILITIES)[number];
  sender?: { wixUserId?: string; appId?: string } & Participant;
  badges?: Badge[];
  content: Content;
}

export interface MessagePage {
  messages: RestMessage[];
  pagingMetadata?: { count?: number; cursors?: { next?: string }; hasNext?: boolean };
}
