import { z } from 'zod';
import { bool, exactlyOneOf, guid, integer, list, oneOfValues, text, webUrl } from '../validation/wix-formats';

/**
 * The Inbox v2 request contract (inbox-contract.md §1.2, §1.3, §2), as REST JSON (`id`, not `_id`).
 * Read-only fields (`id`, `sequence`, `sender`, `appId`, `createdDate`, `urlExpiration`) are not listed:
 * the server sets them, so whatever a caller sends for them is dropped.
 */

export const CHANNEL_TYPES = [
  'UNKNOWN_CHANNEL_TYPE',
  'CHAT',
  'EMAIL',
  'SMS',
  'FACEBOOK',
  'INSTAGRAM',
  'WHATSAPP',
  'AI_ASSISTANT',
  'PHONE',
] as const;
export const VISIBILITIES = ['BUSINESS_AND_PARTICIPANT', 'BUSINESS'] as const;
export const DIRECTIONS = ['BUSINESS_TO_PARTICIPANT', 'PARTICIPANT_TO_BUSINESS'] as const;
export const SEND_AS = ['CALLER', 'PARTICIPANT', 'BUSINESS_USER'] as const;
export const ORIENTATIONS = ['UNKNOWN_ORIENTATION', 'PORTRAIT', 'LANDSCAPE'] as const;
export const BADGE_VISIBILITIES = ['UNKNOWN_BADGE_VISIBILITY', 'BUSINESS_AND_PARTICIPANT', 'BUSINESS'] as const;
export const SORT_ORDERS = ['ASC', 'DESC'] as const;

const mediaFields = {
  id: text({ max: 2000 }).nullish(),
  url: text({ max: 2000 }),
  filename: text({ max: 255 }).nullish(),
};

const image = z.object({
  ...mediaFields,
  width: integer({ min: 0 }).nullish(),
  height: integer({ min: 0 }).nullish(),
});

const file = z.object({
  ...mediaFields,
  mimeType: text({ max: 100 }).nullish(),
});

const basicItem = z
  .object({ text: text({ min: 1, max: 16384 }).nullish(), image: image.nullish(), file: file.nullish() })
  .superRefine(exactlyOneOf(['text', 'image', 'file'], 'a basic item'));

const mediaItem = z
  .object({ image: image.nullish(), file: file.nullish() })
  .superRefine(exactlyOneOf(['image', 'file'], 'a media item'));

const button = z
  .object({
    label: text({ min: 1, max: 16384 }),
    launchUrl: webUrl(16384).nullish(),
    postbackProperties: z.object({ interactionId: text({ min: 1, max: 256 }) }).nullish(),
  })
  .superRefine(exactlyOneOf(['launchUrl', 'postbackProperties'], 'a button'));

const basic = z.object({ items: list(basicItem, { min: 1 }) });

const template = z.object({
  title: text().nullish(),
  buttons: list(button, { max: 10 }).nullish(),
  orientation: oneOfValues(ORIENTATIONS).nullish(),
  textLines: list(text({ max: 512 }), { max: 10 }).nullish(),
  imageUrl: webUrl(2000).nullish(),
});

const minimal = z.object({
  text: text({ min: 1, max: 16384 }),
  iconUrl: webUrl(2000).nullish(),
  url: webUrl(2000).nullish(),
});

const form = z.object({
  title: text({ min: 1, max: 256 }).nullish(),
  description: text({ min: 1, max: 16384 }).nullish(),
  fields: list(z.object({ name: text({ max: 8192 }), value: text({ max: 8192 }) }), { min: 1, max: 15 }),
  media: list(mediaItem, { max: 15 }).nullish(),
});

export const PAYLOAD_KINDS = ['basic', 'template', 'minimal', 'form'] as const;
export type PayloadKind = (typeof PAYLOAD_KINDS)[number];

const content = z
  .object({
    previewText: text({ max: 256 }).nullish(),
    title: text().nullish(),
    basic: basic.nullish(),
    template: template.nullish(),
    minimal: minimal.nullish(),
    form: form.nullish(),
    system: z
      .unknown()
      .refine((v) => v === undefined || v === null, {
        error: 'system messages are reserved for Wix and cannot be sent',
        params: { violatedRule: 'FIELD_NOT_ALLOWED' },
      })
      .optional(),
  })
  .superRefine(exactlyOneOf(PAYLOAD_KINDS, 'message content'));

const badge = z.object({
  text: text().nullish(),
  iconUrl: webUrl(2000).nullish(),
  badgeVisibility: oneOfValues(BADGE_VISIBILITIES).nullish(),
});

const message = z.object({
  content,
  badges: list(badge, { max: 1 }).nullish(),
  targetChannels: list(oneOfValues(CHANNEL_TYPES), { max: 1 }).nullish(),
  sourceChannel: oneOfValues(CHANNEL_TYPES).nullish(),
  visibility: oneOfValues(VISIBILITIES),
  direction: oneOfValues(DIRECTIONS),
  targetChannelIds: list(text({ max: 100 }), { max: 100 }).nullish(),
  sourceChannelId: text({ max: 100 }).nullish(),
  silent: bool().nullish(),
});

export const sendMessageRequest = z
  .object({
    conversationId: guid(),
    message,
    sendNotifications: bool().nullish(),
    silent: bool().nullish(),
    sendAs: oneOfValues(SEND_AS).nullish(),
    businessUserId: guid().nullish(),
  })
  .superRefine((request, ctx) => {
    if (request.sendAs === 'BUSINESS_USER' && !request.businessUserId) {
      ctx.addIssue({
        code: 'custom',
        path: ['businessUserId'],
        message: 'is required when sendAs is BUSINESS_USER',
        params: { violatedRule: 'REQUIRED_FIELD' },
      });
    }
  });

export type SendMessageRequest = z.output<typeof sendMessageRequest>;
export type MessageInput = SendMessageRequest['message'];
export type ContentInput = MessageInput['content'];

export const listMessagesRequest = z.object({
  conversationId: guid(),
  visibility: oneOfValues(VISIBILITIES),
  paging: z
    .object({ limit: integer({ min: 0, max: 100 }).nullish(), cursor: text({ max: 16000 }).nullish() })
    .nullish(),
  sorting: z
    .object({ fieldName: text({ max: 512 }).nullish(), order: oneOfValues(SORT_ORDERS).nullish() })
    .superRefine((sorting, ctx) => {
      if (sorting.fieldName && sorting.fieldName !== 'sequence') {
        ctx.addIssue({
          code: 'custom',
          path: ['fieldName'],
          message: 'only "sequence" is supported',
          params: { violatedRule: 'INVALID_ENUM_VALUE' },
        });
      }
    })
    .nullish(),
});

export type ListMessagesRequest = z.output<typeof listMessagesRequest>;
