import { describeFailure } from 'backend/automations/outcome';

/** What an event's log line says of a failure: short and data-free (outcome.ts). */
describe('describeFailure', () => {
  it('names a Wix error by its status, without its message', () => {
    const error = Object.assign(new Error('Conversation 7 of ann@example.com not found'), { status: 404 });
    expect(describeFailure(error)).toBe('Error (status 404)');
  });

  it('gives any other error its name and the first line of its message, cut at 200 characters', () => {
    const error = new TypeError(`${'x'.repeat(250)}\nsecond line`);
    expect(describeFailure(error)).toBe(`TypeError: ${'x'.repeat(200)}`);
  });

  it('gives a thrown value that is not an Error only its type, never its content', () => {
    expect(describeFailure('ann@example.com')).toBe('string: ');
    expect(describeFailure({ email: 'ann@example.com' })).toBe('object: ');
  });

  it('describes a thrown null or undefined instead of failing itself', () => {
    expect(describeFailure(null)).toBe('object: ');
    expect(describeFailure(undefined)).toBe('undefined: ');
  });
});
