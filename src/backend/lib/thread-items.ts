import type { ThreadItem } from 'public/thread-item';

/** The parts of an Inbox message the member's thread shows (REST/SDK field names). */
interface StoredMessage {
  _id?: string | null;
  _createdDate?: Date | string | null;
  direction?: string | null;
  content?: {
    previewText?: string | null;
    basic?: { items?: { text?: string | null; image?: Media | null; file?: Media | null }[] | null } | null;
    template?: {
      title?: string | null;
      imageUrl?: string | null;
      textLines?: string[] | null;
      buttons?: { label?: string | null; launchUrl?: string | null; postbackProperties?: unknown }[] | null;
    } | null;
    minimal?: { text?: string | null; url?: string | null } | null;
    form?: { title?: string | null; fields?: { name?: string | null; value?: string | null }[] | null } | null;
  } | null;
}

interface Media {
  url?: string | null;
  filename?: string | null;
}

const present = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined && value !== '';

/** Every content type as one repeater item; what the member cannot use (ids, metadata) is left out. */
export function threadItem(message: StoredMessage, index: number): ThreadItem {
  const content = message.content ?? {};
  const base = {
    // A message without an id (never from Wix) still gets a unique, valid repeater id.
    _id: message._id ?? `message-${index}`,
    fromBusiness: message.direction === 'BUSINESS_TO_PARTICIPANT',
    sentAt: message._createdDate ? new Date(message._createdDate).toISOString() : '',
    links: [] as ThreadItem['links'],
    actions: [] as string[],
  };
  if (content.basic) {
    const items = content.basic.items ?? [];
    const image = items.find((item) => item.image?.url)?.image;
    return {
      ...base,
      kind: 'BASIC',
      text: items
        .map((item) => item.text)
        .filter(present)
        .join('\n'),
      ...(image?.url ? { imageUrl: image.url } : {}),
      links: items
        .map((item) => item.file)
        .filter((file): file is Media => !!file?.url)
        .map((file) => ({ label: file.filename || 'File', url: file.url! })),
    };
  }
  if (content.template) {
    const t = content.template;
    const buttons = t.buttons ?? [];
    return {
      ...base,
      kind: 'TEMPLATE',
      ...(t.title ? { title: t.title } : {}),
      text: (t.textLines ?? []).join('\n'),
      ...(t.imageUrl ? { imageUrl: t.imageUrl } : {}),
      links: buttons.flatMap((b) => (b.launchUrl ? [{ label: b.label ?? b.launchUrl, url: b.launchUrl }] : [])),
      actions: buttons.flatMap((b) => (!b.launchUrl && b.label ? [b.label] : [])),
    };
  }
  if (content.minimal) {
    const { text, url } = content.minimal;
    return { ...base, kind: 'MINIMAL', text: text ?? '', links: url ? [{ label: 'Open', url }] : [] };
  }
  if (content.form) {
    const fields = content.form.fields ?? [];
    return {
      ...base,
      kind: 'FORM',
      ...(content.form.title ? { title: content.form.title } : {}),
      text: fields.map((field) => `${field.name ?? ''}: ${field.value ?? ''}`).join('\n'),
    };
  }
  return { ...base, kind: 'OTHER', text: content.previewText ?? '' };
}
