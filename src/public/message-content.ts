import * as z from 'zod/mini';
import { INBOX_LIMITS as L } from './inbox-limits';
import { trimmedText, validate, webUrl, type Validated } from './validation';

/**
 * Typed builders for the four Inbox content types a site sends (basic, template, minimal, form), with
 * the Wix limits checked. The result is the `message.content` the @wix/inbox SDK takes.
 */

const mediaItem = z.strictObject(
  {
    url: webUrl('Media URL', L.url),
    filename: z.optional(trimmedText('File name', { max: L.filename })),
    mimeType: z.optional(trimmedText('MIME type', { max: L.mimeType })),
  },
  { error: 'Media must be an object with a url' },
);

export const basicItemSchema = z.union(
  [
    z.strictObject({ text: trimmedText('Text', { min: 1, max: L.text }) }),
    z.strictObject({ image: mediaItem }),
    z.strictObject({ file: mediaItem }),
  ],
  { error: 'An item must have exactly one of text, image or file' },
);

export const basicSchema = z.strictObject(
  {
    items: z
      .array(basicItemSchema, { error: 'Items must be a list' })
      .check(z.minLength(1, { error: 'A message needs at least one item' })),
  },
  { error: 'A basic message must be an object with items' },
);

export const templateButtonSchema = z.union(
  [
    z.strictObject({
      label: trimmedText('Button label', { min: 1, max: 80 }),
      launchUrl: webUrl('Button link', L.url),
    }),
    z.strictObject({
      label: trimmedText('Button label', { min: 1, max: 80 }),
      interactionId: trimmedText('Button action', { min: 1, max: L.interactionId }),
    }),
  ],
  { error: 'A button needs a label and exactly one of launchUrl or interactionId' },
);

export const templateSchema = z
  .strictObject(
    {
      title: z.optional(trimmedText('Title', { max: L.previewText })),
      imageUrl: z.optional(webUrl('Image URL', L.url)),
      textLines: z.optional(
        z
          .array(trimmedText('Text line', { min: 1, max: L.templateTextLine }))
          .check(z.maxLength(L.templateTextLines, { error: `At most ${L.templateTextLines} text lines` })),
      ),
      buttons: z.optional(
        z
          .array(templateButtonSchema)
          .check(z.maxLength(L.templateButtons, { error: `At most ${L.templateButtons} buttons` })),
      ),
    },
    { error: 'A template must be an object' },
  )
  .check(
    // Wix would store an empty template as a blank message: something must be in it.
    z.refine((t) => !!(t.title || t.imageUrl || t.textLines?.length || t.buttons?.length), {
      error: 'Add a title, a text line, an image or a button',
    }),
  );

export const minimalSchema = z.strictObject(
  {
    text: trimmedText('Text', { min: 1, max: L.text }),
    iconUrl: z.optional(webUrl('Icon URL', L.url)),
    url: z.optional(webUrl('Link', L.url)),
  },
  { error: 'A minimal message must be an object with text' },
);

export const formSchema = z.strictObject({
  // Wix allows a form without a title; the site always names its forms, and the title is the preview.
  title: trimmedText('Form title', { min: 1, max: L.formTitle }),
  description: z.optional(trimmedText('Form description', { min: 1, max: L.formDescription })),
  fields: z
    .array(
      z.strictObject({
        name: trimmedText('Field name', { min: 1, max: L.formFieldName }),
        value: z
          .string()
          .check(
            z.maxLength(L.formFieldValue, { error: `A field value must be at most ${L.formFieldValue} characters` }),
          ),
      }),
    )
    .check(
      z.minLength(1, { error: 'A form needs at least one field' }),
      z.maxLength(L.formFields, { error: `A form has at most ${L.formFields} fields` }),
    ),
  media: z.optional(
    z
      .array(
        z.union([z.strictObject({ image: mediaItem }), z.strictObject({ file: mediaItem })], {
          error: 'A media item must have exactly one of image or file',
        }),
      )
      .check(z.maxLength(L.formMedia)),
  ),
});

export type BasicInput = z.input<typeof basicSchema>;
export type TemplateInput = z.input<typeof templateSchema>;
export type MinimalInput = z.input<typeof minimalSchema>;
export type FormInput = z.input<typeof formSchema>;

/** The `message.content` shape of @wix/inbox (REST field names; the SDK leaves them as they are). */
export interface MessageContent {
  previewText?: string;
  basic?: {
    items: (
      | { text: string }
      | { image: { url: string; filename?: string } }
      | { file: { url: string; filename?: string; mimeType?: string } }
    )[];
  };
  template?: {
    title?: string;
    imageUrl?: string;
    textLines?: string[];
    buttons?: (
      { label: string; launchUrl: string } | { label: string; postbackProperties: { interactionId: string } }
    )[];
  };
  minimal?: { text: string; iconUrl?: string; url?: string };
  form?: { title?: string; description?: string; fields: { name: string; value: string }[]; media?: unknown[] };
}

function preview(text: string): string {
  return text.length > L.previewText ? `${text.slice(0, L.previewText - 1)}…` : text;
}

function map<T, U>(result: Validated<T>, build: (value: T) => U): Validated<U> {
  return result.ok ? { ok: true, value: build(result.value) } : result;
}

export function basicContent(input: unknown): Validated<MessageContent> {
  return map(validate(basicSchema, input), (basic) => {
    const first = basic.items[0]!;
    return { previewText: preview('text' in first ? first.text : 'image' in first ? 'Image' : 'File'), basic };
  });
}

export function templateContent(input: unknown): Validated<MessageContent> {
  return map(validate(templateSchema, input), (t) => ({
    previewText: preview(t.title ?? t.textLines?.[0] ?? 'Message'),
    template: {
      ...(t.title ? { title: t.title } : {}),
      ...(t.imageUrl ? { imageUrl: t.imageUrl } : {}),
      textLines: t.textLines ?? [],
      buttons: (t.buttons ?? []).map((b) =>
        'launchUrl' in b
          ? { label: b.label, launchUrl: b.launchUrl }
          : { label: b.label, postbackProperties: { interactionId: b.interactionId } },
      ),
    },
  }));
}

export function minimalContent(input: unknown): Validated<MessageContent> {
  return map(validate(minimalSchema, input), (minimal) => ({ previewText: preview(minimal.text), minimal }));
}

export function formContent(input: unknown): Validated<MessageContent> {
  return map(validate(formSchema, input), (form) => ({ previewText: preview(form.title), form }));
}
