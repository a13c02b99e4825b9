import { el, externalLink, safeUrl } from './dom';
import { businessSender, SENDER_LABELS } from './participants';
import { timeElement } from './time';
import type { Badge, Content, FileMedia, ImageMedia, MediaItem, RestMessage, TemplateButton } from './types';

/** Who is who in a thread, for the sender line. */
interface ThreadPeople {
  participantName: string;
  /** The site admin the console acts as: their replies read "You". */
  adminId: string;
}

const BUSINESS_ONLY = 'Only visible to the business';

/** A small decorative icon; hidden if it does not load (the console often runs offline). */
function icon(src: string, className: string): HTMLImageElement {
  const img = el('img', { className, attrs: { src, alt: '', loading: 'lazy' } });
  img.addEventListener('error', () => (img.hidden = true), { once: true });
  return img;
}

/** An image address that is not a web URL: shown as text, never loaded. */
const unsafeImage = (url: unknown) => el('p', { className: 'unsafe-media' }, `Image (not a web URL): ${String(url)}`);

function image(media: ImageMedia, className: string): HTMLElement {
  const src = safeUrl(media.url);
  if (!src) return unsafeImage(media.url);
  const img = el('img', {
    attrs: { src, alt: media.filename ?? 'Image', loading: 'lazy', decoding: 'async' },
  });
  if (media.width && media.height && media.width > 0 && media.height > 0) {
    img.width = media.width;
    img.height = media.height;
  }
  return externalLink(src, { className, attrs: { title: media.filename ?? src } }, img);
}

function fileName(media: FileMedia): string {
  if (media.filename) return media.filename;
  try {
    return decodeURIComponent(new URL(media.url).pathname.split('/').pop() || '') || media.url;
  } catch {
    return String(media.url);
  }
}

function file(media: FileMedia): HTMLElement {
  return externalLink(
    media.url,
    { className: 'media-file' },
    el('span', { className: 'media-file__icon', attrs: { 'aria-hidden': 'true' } }),
    el('span', { className: 'media-file__name' }, fileName(media)),
    media.mimeType ? el('span', { className: 'media-file__type' }, media.mimeType) : null,
  );
}

function mediaItem(item: MediaItem): HTMLElement | null {
  if (typeof item.text === 'string') return el('p', { className: 'text' }, item.text);
  if (item.image) return image(item.image, 'media-image');
  if (item.file) return file(item.file);
  return null;
}

function basic(content: NonNullable<Content['basic']>): HTMLElement {
  return el('div', { className: 'content content--basic' }, ...(content.items ?? []).map(mediaItem));
}

function templateButton(button: TemplateButton): HTMLElement {
  if (button.launchUrl !== undefined && button.launchUrl !== null) {
    return externalLink(button.launchUrl, { className: 'template-button' }, button.label);
  }
  const interactionId = button.postbackProperties?.interactionId;
  return el(
    'button',
    {
      className: 'template-button template-button--postback',
      attrs: {
        type: 'button',
        disabled: '',
        title: interactionId ? `Postback: ${interactionId}` : 'A button with no action',
      },
      data: { interactionId },
    },
    button.label,
  );
}

function template(content: NonNullable<Content['template']>): HTMLElement {
  const imageSrc = safeUrl(content.imageUrl);
  const buttons = content.buttons ?? [];
  return el(
    'div',
    {
      className: `content content--template${content.orientation === 'LANDSCAPE' ? ' template--landscape' : ''}`,
    },
    imageSrc
      ? el('img', {
          className: 'template__image',
          attrs: { src: imageSrc, alt: '', loading: 'lazy', decoding: 'async' },
        })
      : content.imageUrl
        ? unsafeImage(content.imageUrl)
        : null,
    el(
      'div',
      { className: 'template__body' },
      content.title ? el('p', { className: 'template__title' }, content.title) : null,
      ...(content.textLines ?? []).map((line) => el('p', { className: 'template__line' }, line)),
      buttons.length > 0 ? el('div', { className: 'template__buttons' }, ...buttons.map(templateButton)) : null,
    ),
  );
}

function minimal(content: NonNullable<Content['minimal']>): HTMLElement {
  const iconUrl = safeUrl(content.iconUrl);
  const text = content.url
    ? externalLink(content.url, { className: 'minimal__text' }, content.text)
    : el('span', { className: 'minimal__text' }, content.text);
  return el('div', { className: 'content content--minimal' }, iconUrl ? icon(iconUrl, 'minimal__icon') : null, text);
}

function form(content: NonNullable<Content['form']>): HTMLElement {
  const fields = content.fields ?? [];
  const media = content.media ?? [];
  return el(
    'div',
    { className: 'content content--form' },
    el('p', { className: 'form__title' }, content.title || 'Form submission'),
    content.description ? el('p', { className: 'form__description' }, content.description) : null,
    fields.length > 0
      ? el(
          'dl',
          { className: 'form__fields' },
          ...fields.flatMap((field) => [el('dt', {}, field.name), el('dd', {}, field.value)]),
        )
      : null,
    media.length > 0 ? el('div', { className: 'form__media' }, ...media.map(mediaItem)) : null,
  );
}

/** The content of a message, by its payload (a content type this console does not know shows its preview). */
function renderContent(content: Content): HTMLElement {
  if (content.basic) return basic(content.basic);
  if (content.template) return template(content.template);
  if (content.minimal) return minimal(content.minimal);
  if (content.form) return form(content.form);
  return el(
    'div',
    { className: 'content content--unknown' },
    el('p', { className: 'text' }, content.previewText || '(no content)'),
    el('p', { className: 'content__note' }, `${content.contentType ?? 'Unknown'} content`),
  );
}

function badge(b: Badge): HTMLElement {
  const iconUrl = safeUrl(b.iconUrl);
  const businessOnly = b.badgeVisibility === 'BUSINESS';
  return el(
    'span',
    {
      className: `badge${businessOnly ? ' badge--business-only' : ''}`,
      attrs: businessOnly ? { title: `Badge: ${BUSINESS_ONLY.toLowerCase()}` } : {},
    },
    iconUrl ? icon(iconUrl, 'badge__icon') : null,
    b.text,
  );
}

function senderName(message: RestMessage, people: ThreadPeople): string {
  if (message.direction === 'PARTICIPANT_TO_BUSINESS') return people.participantName;
  return SENDER_LABELS.long[businessSender(message, people.adminId)];
}

/** One message of a thread: participant messages on the left, the business's on the right. */
export function renderMessage(message: RestMessage, people: ThreadPeople): HTMLElement {
  const fromBusiness = message.direction !== 'PARTICIPANT_TO_BUSINESS';
  const businessOnly = message.visibility === 'BUSINESS';
  const content = message.content ?? {};
  const contentType = content.contentType ?? 'UNKNOWN';
  return el(
    'article',
    {
      className: [
        'message',
        fromBusiness ? 'message--business' : 'message--participant',
        businessOnly ? 'message--business-only' : '',
      ]
        .filter(Boolean)
        .join(' '),
      data: {
        testid: 'message',
        messageId: message.id,
        sequence: message.sequence,
        contentType,
        direction: message.direction,
        visibility: message.visibility,
      },
    },
    el('div', { className: 'message__bubble' }, renderContent(content)),
    el(
      'footer',
      { className: 'message__meta' },
      el('span', { className: 'message__sender' }, senderName(message, people)),
      timeElement(message.createdDate, 'message'),
      ...(message.badges ?? []).filter((b) => b.text || b.iconUrl).map(badge),
      businessOnly ? el('span', { className: 'business-only-marker' }, BUSINESS_ONLY) : null,
    ),
  );
}

/** The one-line summary of a message for lists. */
export function previewOf(message: RestMessage | null): string {
  if (!message) return 'No messages yet';
  const content = message.content ?? {};
  // A form's preview text is its title; what the person wrote is its "Message" field, else most
  // likely its longest answer (the site's own "Sender" note is not the person's words).
  const fields = (content.form?.fields ?? []).filter((field) => field.value.trim() && field.name !== 'Sender');
  if (fields.length > 0) {
    const written = fields.find((field) => /message/i.test(field.name))?.value.trim();
    const answer = written ?? fields.map((field) => field.value.trim()).reduce((a, b) => (b.length > a.length ? b : a));
    return content.previewText ? `${content.previewText} · ${answer}` : answer;
  }
  if (content.previewText) return content.previewText;
  if (content.template?.title) return content.template.title;
  if (content.minimal?.text) return content.minimal.text;
  const first = content.basic?.items?.[0];
  if (first?.text) return first.text;
  if (first?.image) return 'Image';
  if (first?.file) return 'File';
  return content.contentType ? `${content.contentType.toLowerCase()} message` : 'Message';
}
