import { BadRequest } from '../errors';
import { isWebUrl } from '../validation/wix-formats';
import { PAYLOAD_KINDS, type ContentInput, type PayloadKind } from './message-schema';

/** Drops null and undefined members, so stored messages carry only what was set. */
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as T;
}

const PREVIEW_TEXT_MAX = 256;

type Media = {
  id?: string | null;
  url: string;
  filename?: string | null;
  width?: number | null;
  height?: number | null;
  mimeType?: string | null;
};

function media(item: Media, path: string) {
  if (!isWebUrl(item.url)) {
    throw new BadRequest(
      'INVALID_MEDIA_URL',
      `${path}.url is not a valid media URL: it must be an absolute http(s) URL.`,
    );
  }
  return compact({ ...item });
}

function imageOut(image: Media, path: string) {
  return { width: 0, height: 0, ...media(image, path) };
}

/**
 * Turns validated content into the stored REST content: server defaults filled in (the fields the SDK
 * typings promise, inbox-contract.md §1.2), `contentType` derived from the payload kind, `previewText`
 * derived when the caller gave none, and postback buttons stamped with the sending app's id.
 */
export function buildContent(content: ContentInput, senderAppId: string | undefined) {
  const kind = PAYLOAD_KINDS.find((k) => content[k]) as PayloadKind;
  const out: Record<string, unknown> = compact({ previewText: content.previewText, title: content.title });
  switch (kind) {
    case 'basic':
      out.basic = {
        items: content.basic!.items.map((item, i) => {
          const path = `message.content.basic.items[${i}]`;
          if (item.image) return { image: imageOut(item.image, `${path}.image`) };
          if (item.file) return { file: media(item.file, `${path}.file`) };
          return { text: item.text };
        }),
      };
      break;
    case 'template': {
      const t = content.template!;
      out.template = compact({
        title: t.title,
        imageUrl: t.imageUrl,
        orientation: t.orientation ?? 'PORTRAIT',
        textLines: t.textLines ?? [],
        buttons: (t.buttons ?? []).map((b) =>
          compact({
            label: b.label,
            launchUrl: b.launchUrl,
            postbackProperties: b.postbackProperties
              ? compact({ appId: senderAppId, interactionId: b.postbackProperties.interactionId })
              : undefined,
          }),
        ),
      });
      break;
    }
    case 'minimal':
      out.minimal = compact({ ...content.minimal! });
      break;
    case 'form': {
      const f = content.form!;
      out.form = compact({
        title: f.title,
        description: f.description,
        fields: f.fields.map((field) => ({ name: field.name, value: field.value })),
        media: (f.media ?? []).map((item, i) => {
          const path = `message.content.form.media[${i}]`;
          return item.image
            ? { image: imageOut(item.image, `${path}.image`) }
            : { file: media(item.file!, `${path}.file`) };
        }),
      });
      break;
    }
  }
  out.previewText ??= derivePreviewText(out, kind);
  out.contentType = kind.toUpperCase();
  return out;
}

function derivePreviewText(content: Record<string, unknown>, kind: PayloadKind): string {
  const c = content as {
    basic?: { items: { text?: string; image?: unknown }[] };
    template?: { title?: string; textLines: string[] };
    minimal?: { text: string };
    form?: { title?: string };
  };
  let preview: string;
  switch (kind) {
    case 'basic': {
      const first = c.basic!.items[0]!;
      preview = first.text ?? (first.image ? 'Image' : 'File');
      break;
    }
    case 'template':
      preview = c.template!.title ?? c.template!.textLines[0] ?? 'Message';
      break;
    case 'minimal':
      preview = c.minimal!.text;
      break;
    case 'form':
      preview = c.form!.title ?? 'Form submission';
      break;
  }
  const cut = preview.slice(0, PREVIEW_TEXT_MAX);
  // Never end on half a surrogate pair: the limit counts UTF-16 units, and a lone surrogate is not text.
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}
