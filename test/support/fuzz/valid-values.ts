/** Valid values (texts, URLs, message content, cursors) that the fuzz targets start from and mutate. */
import fc from 'fast-check';
import { base64url } from './inputs';

export const text = fc.oneof(
  fc.constantFrom('Hello', 'Is my order on its way?', 'Thanks!'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== ''),
);
export const webUrl = fc.oneof(
  fc.constantFrom('https://static.example.com/a.png', 'http://example.com/x?y=1'),
  fc.webUrl(),
);
export const email = fc.oneof(
  fc.uuid().map((id) => `fuzz-${id.slice(0, 8)}@example.com`),
  fc.emailAddress(),
);
export const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
export const some = <T>(item: fc.Arbitrary<T>, minLength = 0) => fc.array(item, { minLength, maxLength: 3 });

const basicItem = fc.oneof(
  text.map((t) => ({ text: t })),
  webUrl.map((url) => ({ image: { url, width: 640, height: 480 } })),
  webUrl.map((url) => ({ file: { url, filename: 'invoice.pdf', mimeType: 'application/pdf' } })),
);
export const basic = fc.record({ items: some(basicItem, 1) });
export const interactionId = fc.constantFrom('book', 'cancel');
export const minimal = fc.record({ text, iconUrl: webUrl, url: webUrl }, { requiredKeys: ['text'] });

/** Inbox `message.content` in REST shape, one payload kind, with or without a preview text. */
export const restContent = fc
  .tuple(
    fc.oneof(
      fc.record({ basic }),
      fc.record({
        template: fc.record(
          {
            title: text,
            textLines: some(text),
            buttons: some(
              fc.oneof(
                fc.record({ label: text, launchUrl: webUrl }),
                fc.record({ label: text, postbackProperties: fc.record({ interactionId }) }),
              ),
            ),
            orientation: fc.constantFrom('PORTRAIT', 'LANDSCAPE'),
            imageUrl: webUrl,
          },
          { requiredKeys: [] },
        ),
      }),
      fc.record({ minimal }),
      fc.record({
        form: fc.record(
          { title: text, fields: some(fc.record({ name: text, value: fc.string() }), 1) },
          { requiredKeys: ['fields'] },
        ),
      }),
    ),
    optional(fc.string({ maxLength: 100 })),
  )
  .map(([payload, previewText]) => (previewText === undefined ? payload : { ...payload, previewText }));

/** A cursor as ListMessages issues it (base64url JSON of the last sequence, visibility and order). */
export const cursorFor = (after: number, visibility: string, order: string) =>
  base64url(JSON.stringify({ after, visibility, order }));
