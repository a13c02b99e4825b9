import { valueText } from 'backend/automations/form-fields';

/** How a Wix Forms value reads in the Inbox message (form-fields.ts `valueText`). */
it.each([
  ['null', null, ''],
  ['undefined', undefined, ''],
  ['text', 'Oslo', 'Oslo'],
  ['a ticked checkbox', true, 'Yes'],
  ['an unticked checkbox', false, 'No'],
  ['a multi-choice list', ['Red', 'Blue'], 'Red, Blue'],
  ['a list with an empty choice', ['Red', null], 'Red, '],
  ['a number', 4.5, '4.5'],
  ['an address object', { city: 'Oslo', postalCode: '0150' }, '{"city":"Oslo","postalCode":"0150"}'],
])('writes %s as %j', (_name, value, text) => {
  expect(valueText(value)).toBe(text);
});
