import type { messages } from '@wix/inbox';
import type { ThreadItem } from 'public/thread-item';
import { required } from './site-error';

/*
 * The SDK types nearly every field of a listed message as optional. What Wix always sends (the id and
 * date, the kind's own lists and texts) is read through the two helpers below, so the defaults live in
 * one place; the id and date Wix always sets are `required`, as everywhere the site reads Wix answers.
 */

/** A text the SDK types as optional: absent is empty (an image item has no text). */
const textOf = (text: string | null | undefined): string => text ?? '';
/** A list Wix always sends with the kind it belongs to, typed optional by the SDK. */
const listOf = <T>(list: T[] | null | undefined): T[] => list ?? [];

/** Every content type as one repeater item; what the member cannot use (ids, metadata) is left out. */
export function threadItem(message: messages.Message): ThreadItem {
  const content = message.content;
  const base = {
    // Stryker disable next-line StringLiteral: equivalent to users: the text only reaches the backend log (the browser gets the fixed INTERNAL message), and only if Wix listed a message without an id
    _id: required(message._id, 'a listed message has no id'),
    fromBusiness: message.direction === 'BUSINESS_TO_PARTICIPANT',
    // Stryker disable next-line StringLiteral: equivalent to users, as above, for a message without a creation date
    sentAt: required(message._createdDate?.toISOString(), 'a listed message has no creation date'),
    links: [] as ThreadItem['links'],
    actions: [] as string[],
  };
  if (content?.basic) {
    const items = listOf(content.basic.items);
    const image = items.find((item) => item.image?.url)?.image;
    return {
      ...base,
      kind: 'BASIC',
      text: items
        .map((item) => textOf(item.text))
        .filter(Boolean)
        .join('\n'),
      ...(image?.url ? { imageUrl: image.url } : {}),
      links: items.flatMap(({ file }) => (file?.url ? [{ label: file.filename || 'File', url: file.url }] : [])),
    };
  }
  if (content?.template) {
    const t = content.template;
    const buttons = listOf(t.buttons);
    return {
      ...base,
      kind: 'TEMPLATE',
      ...(t.title ? { title: t.title } : {}),
      text: listOf(t.textLines).join('\n'),
      ...(t.imageUrl ? { imageUrl: t.imageUrl } : {}),
      links: buttons.flatMap((b) => (b.launchUrl ? [{ label: textOf(b.label), url: b.launchUrl }] : [])),
      actions: buttons.flatMap((b) => (!b.launchUrl && b.label ? [b.label] : [])),
    };
  }
  if (content?.minimal) {
    const { text, url } = content.minimal;
    return { ...base, kind: 'MINIMAL', text: textOf(text), links: url ? [{ label: 'Open', url }] : [] };
  }
  if (content?.form) {
    return {
      ...base,
      kind: 'FORM',
      ...(content.form.title ? { title: content.form.title } : {}),
      text: listOf(content.form.fields)
        .map((field) => `${textOf(field.name)}: ${textOf(field.value)}`)
        .join('\n'),
    };
  }
  // A kind the site does not show in full: the system messages Wix may list ("reserved for internal
  // use"), or a kind added later. Its preview text stands for it.
  return { ...base, kind: 'OTHER', text: textOf(content?.previewText) };
}
