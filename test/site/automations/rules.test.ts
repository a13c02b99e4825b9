import { isOpen, localTime } from 'backend/automations/business-hours';
import { defaultAutomationConfig } from 'backend/automations/config';
import { matchKeywordRule } from 'backend/automations/keyword-rules';

const rules = [
  { keywords: ['opening hours', 'hours'], reply: 'hours-reply' },
  { keywords: ['price'], reply: 'price-reply' },
];

it.each([
  ['What are your OPENING HOURS?', 'hours-reply'],
  ['hours', 'hours-reply'],
  ['price and hours', 'hours-reply'],
  ['What is the price?', 'price-reply'],
  ['an hourglass', undefined],
  ['priceless', undefined],
  ['', undefined],
])('matches %j to %s, case-insensitively, first rule first, whole words only', (text, reply) => {
  expect(matchKeywordRule(text, rules)?.reply).toBe(reply);
});

it('treats keywords with regex characters literally', () => {
  expect(matchKeywordRule('is c++ ok?', [{ keywords: ['c++'], reply: 'r' }])?.reply).toBe('r');
  expect(matchKeywordRule('is cxx ok?', [{ keywords: ['c++'], reply: 'r' }])).toBeUndefined();
  // The "+" signs are part of the keyword: "c" alone is another word.
  expect(matchKeywordRule('is c ok?', [{ keywords: ['c++'], reply: 'r' }])).toBeUndefined();
  expect(matchKeywordRule('50% off?', [{ keywords: ['50%'], reply: 'r' }])?.reply).toBe('r');
});

it('ignores spaces around a keyword, as an owner types it into the settings', () => {
  expect(matchKeywordRule('What are your hours?', [{ keywords: ['  hours '], reply: 'r' }])?.reply).toBe('r');
});

it('reads the local weekday and time in the configured time zone', () => {
  // 2026-11-23 is a Monday; 08:30 UTC is 08:30 in London (GMT) and 17:30 in Tokyo.
  const at = new Date('2026-11-23T08:30:00Z');
  expect(localTime(at, 'Europe/London')).toEqual({ day: 'mon', minute: 8 * 60 + 30 });
  expect(localTime(at, 'Asia/Tokyo')).toEqual({ day: 'mon', minute: 17 * 60 + 30 });
});

it.each([
  ['2026-11-23T08:59:00Z', false], // Monday before opening
  ['2026-11-23T09:00:00Z', true], // Monday at opening
  ['2026-11-23T16:59:00Z', true],
  ['2026-11-23T17:00:00Z', false], // closing time is exclusive
  ['2026-11-22T12:00:00Z', false], // Sunday
  ['2026-06-01T08:30:00Z', true], // Monday 09:30 London summer time (UTC+1)
])('the default hours are open at %s: %s', (iso, open) => {
  expect(isOpen(new Date(iso), defaultAutomationConfig.businessHours)).toBe(open);
});
