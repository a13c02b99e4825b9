import * as admin from 'backend/inbox-admin.web';
import { setupSite } from '../support/site';

/*
 * The preview text the Inbox's message list shows for what the business sends: Wix allows at most 256
 * characters, so a longer text is cut and marked; a message without text is named by what it holds.
 */

async function previewOf(method: string, content: unknown): Promise<string> {
  const site = await setupSite();
  expect(await site.call(admin, method, [{ memberId: site.members.ann.id }, content], 'admin')).toMatchObject({
    ok: true,
  });
  const [message] = (await site.control.conversations()).flatMap((c) => c.messages);
  return (message!.content as { previewText: string }).previewText;
}

it('cuts a text over 256 characters to 255 and an ellipsis', async () => {
  const text = 'a'.repeat(250) + 'bcdefghij';
  expect(await previewOf('sendBasicMessage', { items: [{ text }] })).toBe('a'.repeat(250) + 'bcdef…');
});

it('keeps a text of exactly 256 characters whole', async () => {
  const text = 'a'.repeat(256);
  expect(await previewOf('sendBasicMessage', { items: [{ text }] })).toBe(text);
});

it('names a basic message that starts with a file "File", and one that starts with an image "Image"', async () => {
  const file = { file: { url: 'https://example.com/invoice.pdf' } };
  const image = { image: { url: 'https://example.com/a.png' } };
  expect(await previewOf('sendBasicMessage', { items: [file, { text: 'Your invoice' }] })).toBe('File');
  expect(await previewOf('sendBasicMessage', { items: [image, { text: 'Your photo' }] })).toBe('Image');
});

it('names a template with neither title nor text lines "Message"', async () => {
  const buttons = [{ label: 'Track order', launchUrl: 'https://example.com/track/42' }];
  expect(await previewOf('sendTemplateMessage', { buttons })).toBe('Message');
  expect(await previewOf('sendTemplateMessage', { textLines: ['Shipped', 'Friday'], buttons })).toBe('Shipped');
});
