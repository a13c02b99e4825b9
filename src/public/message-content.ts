import { INBOX_LIMITS as L } from './inbox-limits';
import {
  lazySchema,
  trimmedText,
  validateLazily,
  webUrl,
  type LazyInput,
  type Validated,
  type Zod,
  type ZodParts,
} from './validation';

/**
 * Typed builders for the four Inbox content types a site sends (basic, template, minimal, form), with
 * the Wix limits checked. The result is the `message.content` the @wix/inbox SDK takes.
 *
 * Each schema is a function of zod (`build…Schema(z)`), built on first use by the backend (validation.ts
 * `lazySchema`), so a cold backend module loads zod only when a call needs it; page code that bundles
 * zod anyway builds the one it needs at once.
 */

/**
 * An image or file. It has no message of its own for a value that is not an object: the item's union
 * reports that ("An item must have exactly one of …"), so one here would never be shown.
 */
function mediaItem(z: Zod) {
  return z.strictObject({
    url: webUrl(z, 'Media URL', L.url),
    filename: z.optional(trimmedText(z, 'File name', { max: L.filename })),
    mimeType: z.optional(trimmedText(z, 'MIME type', { max: L.mimeType })),
  });
}

export function buildBasicSchema(z: Zod) {
  const media = mediaItem(z);
  const item = z.union(
    [
      z.strictObject({ text: trimmedText(z, 'Text', { min: 1, max: L.text }) }),
      z.strictObject({ image: media }),
      z.strictObject({ file: media }),
    ],
    { error: 'An item must have exactly one of text, image or file' },
  );
  return z.strictObject(
    {
      items: z
        .array(item, { error: 'Items must be a list' })
        .check(z.minLength(1, { error: 'A message needs at least one item' })),
    },
    { error: 'A basic message must be an object with items' },
  );
}

/** What the template schema calls of zod: the Admin page passes just these (see `ZodParts`). */
export type TemplateZod = ZodParts<
  'strictObject' | 'union' | 'optional' | 'array' | 'maxLength' | 'refine' | 'pipe' | 'string' | 'transform'
>;

export function buildTemplateSchema(z: TemplateZod) {
  const button = z.union(
    [
      z.strictObject({
        label: trimmedText(z, 'Button label', { min: 1, max: 80 }),
        launchUrl: webUrl(z, 'Button link', L.url),
      }),
      z.strictObject({
        label: trimmedText(z, 'Button label', { min: 1, max: 80 }),
        interactionId: trimmedText(z, 'Button action', { min: 1, max: L.interactionId }),
      }),
    ],
    { error: 'A button needs a label and exactly one of launchUrl or interactionId' },
  );
  return z
    .strictObject(
      {
        title: z.optional(trimmedText(z, 'Title', { max: L.previewText })),
        imageUrl: z.optional(webUrl(z, 'Image URL', L.url)),
        textLines: z.optional(
          z
            .array(trimmedText(z, 'Text line', { min: 1, max: L.templateTextLine }))
            .check(z.maxLength(L.templateTextLines, { error: `At most ${L.templateTextLines} text lines` })),
        ),
        buttons: z.optional(
          z.array(button).check(z.maxLength(L.templateButtons, { error: `At most ${L.templateButtons} buttons` })),
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
}

export function buildMinimalSchema(z: Zod) {
  return z.strictObject(
    {
      text: trimmedText(z, 'Text', { min: 1, max: L.text }),
      iconUrl: z.optional(webUrl(z, 'Icon URL', L.url)),
      url: z.optional(webUrl(z, 'Link', L.url)),
    },
    { error: 'A minimal message must be an object with text' },
  );
}

export function buildFormSchema(z: Zod) {
  const media = mediaItem(z);
  return z.strictObject({
    // Wix allows a form without a title; the site always names its forms, and the title is the preview.
    title: trimmedText(z, 'Form title', { min: 1, max: L.formTitle }),
    description: z.optional(trimmedText(z, 'Form description', { min: 1, max: L.formDescription })),
    fields: z
      .array(
        z.strictObject({
          name: trimmedText(z, 'Field name', { min: 1, max: L.formFieldName }),
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
          z.union([z.strictObject({ image: media }), z.strictObject({ file: media })], {
            error: 'A media item must have exactly one of image or file',
          }),
        )
        .check(z.maxLength(L.formMedia)),
    ),
  });
}

// Pure: a page that uses only the build functions drops these, and with them the import of zod.
const basicSchema = /* @__PURE__ */ lazySchema(buildBasicSchema);
const templateSchema = /* @__PURE__ */ lazySchema(buildTemplateSchema);
const minimalSchema = /* @__PURE__ */ lazySchema(buildMinimalSchema);
const formSchema = /* @__PURE__ */ lazySchema(buildFormSchema);

export type BasicInput = LazyInput<typeof basicSchema>;
export type TemplateInput = LazyInput<typeof templateSchema>;
export type MinimalInput = LazyInput<typeof minimalSchema>;
export type FormInput = LazyInput<typeof formSchema>;
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

async function map<T, U>(checking: Promise<Validated<T>>, build: (value: T) => U): Promise<Validated<U>> {
  const result = await checking;
  return result.ok ? { ok: true, value: build(result.value) } : result;
}

export function basicContent(input: unknown): Promise<Validated<MessageContent>> {
  return map(validateLazily(basicSchema, input), (basic) => {
    const first = basic.items[0]!;
    return { previewText: preview('text' in first ? first.text : 'image' in first ? 'Image' : 'File'), basic };
  });
}

export function templateContent(input: unknown): Promise<Validated<MessageContent>> {
  return map(validateLazily(templateSchema, input), (t) => ({
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

export function minimalContent(input: unknown): Promise<Validated<MessageContent>> {
  return map(validateLazily(minimalSchema, input), (minimal) => ({ previewText: preview(minimal.text), minimal }));
}

export function formContent(input: unknown): Promise<Validated<MessageContent>> {
  return map(validateLazily(formSchema, input), (form) => ({
    previewText: preview(form.title),
    form,
  }));
}
