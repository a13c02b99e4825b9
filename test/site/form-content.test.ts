import { formContent } from 'public/message-content';

/*
 * The FORM content builder, as a site's own code calls it (public/message-content.ts): the site's
 * handlers send forms without media, so its media rules are checked here.
 */
const FORM = { title: 'Order', fields: [{ name: 'Size', value: 'M' }] };

it('takes an image or a file as a form media item', async () => {
  const checked = await formContent({
    ...FORM,
    media: [
      { image: { url: 'https://static.example.com/a.png' } },
      { file: { url: 'https://static.example.com/f.pdf' } },
    ],
  });
  expect(checked).toMatchObject({ ok: true, value: { previewText: 'Order', form: { media: expect.any(Array) } } });
});

it('refuses a form media item that is both or neither an image and a file, and says which', async () => {
  const image = { url: 'https://static.example.com/a.png' };
  const checked = await formContent({ ...FORM, media: [{ image, file: image }, {}] });
  expect(checked).toEqual({
    ok: false,
    fieldErrors: {
      'media.0': 'A media item must have exactly one of image or file',
      'media.1': 'A media item must have exactly one of image or file',
    },
  });
});
