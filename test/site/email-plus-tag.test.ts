import { withoutPlusTag } from 'public/email-rules';

/** `removePlusTag` (contact form settings): one contact for `ann+news@` and `ann@`. */
it('drops the plus tag of a local part, up to the @', () => {
  expect(withoutPlusTag('ann+news@example.com')).toBe('ann@example.com');
  expect(withoutPlusTag('ann+news+2026@example.com')).toBe('ann@example.com');
  expect(withoutPlusTag('ann@example.com')).toBe('ann@example.com');
});

it('leaves an address alone whose local part starts with "+": it has no name before a tag', () => {
  expect(withoutPlusTag('+news@example.com')).toBe('+news@example.com');
  expect(withoutPlusTag('+team+news@example.com')).toBe('+team+news@example.com');
});
