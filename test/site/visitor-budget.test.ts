import * as inbox from 'backend/inbox.web';
import { inboxSettings } from 'backend/lib/settings';
import { setupSite } from '../support/site';

const form = { firstName: 'Cara', message: 'Hello' };
type Budget = { maxForms: number; windowMinutes: number };

/** A small budget for one test (each test uses its own window length, so no window is shared). */
function withBudget(budget: Budget, contactForm: object = inboxSettings.contactForm) {
  const settings = contactForm as { visitorBudget: Budget };
  const saved = settings.visitorBudget;
  settings.visitorBudget = budget;
  return () => {
    settings.visitorBudget = saved;
  };
}

/** A second backend instance: the same site code loaded again, with its own module memory (and settings). */
function secondInstance() {
  let loaded: { inbox: typeof inbox; settings: typeof inboxSettings } | undefined;
  jest.isolateModules(() => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    loaded = {
      inbox: require('backend/inbox.web') as typeof inbox,
      settings: (require('backend/lib/settings') as { inboxSettings: typeof inboxSettings }).inboxSettings,
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
  });
  return loaded!;
}

it('refuses visitor forms past the site-wide budget, whatever the email, writing nothing for them', async () => {
  const site = await setupSite();
  const restore = withBudget({ maxForms: 3, windowMinutes: 7 });
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    const results: { ok?: boolean }[] = [];
    for (let i = 0; i < 5; i++) {
      results.push(
        (await site.call(inbox, 'submitContactForm', [{ ...form, email: `v${i}@example.com` }], 'visitor')) as {
          ok?: boolean;
        },
      );
    }
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false, false]);
    expect(results[3]).toEqual({
      ok: false,
      error: { code: 'RATE_LIMITED', message: expect.stringMatching(/too many/i) },
    });
    // The owner sees why in the site log, once per refused form.
    expect(warn.mock.calls).toEqual([
      ['[inbox] contact form: the site-wide budget for visitor forms is spent; refused'],
      ['[inbox] contact form: the site-wide budget for visitor forms is spent; refused'],
    ]);
    const contacts = site.emulator.context.db.prepare('SELECT email FROM contacts WHERE email LIKE ?').all('v%');
    expect(contacts).toEqual([{ email: 'v0@example.com' }, { email: 'v1@example.com' }, { email: 'v2@example.com' }]);
    // Members are not visitors: their forms are not counted against the budget.
    expect(await site.call(inbox, 'submitContactForm', [{ ...form, email: 'ann@example.com' }], 'ann')).toEqual({
      ok: true,
      value: { received: true },
    });
  } finally {
    restore();
    warn.mockRestore();
  }
});

// Loaded before the tests, not in one: module-level code run inside a test would count, for mutation
// testing, as covered by that test alone (docs/testing.md, "Static mutants").
let other: ReturnType<typeof secondInstance>;
beforeAll(() => {
  other = secondInstance();
});

it('holds across backend instances: two instances together store no more than the budget', async () => {
  const site = await setupSite();
  const budget = { maxForms: 4, windowMinutes: 11 };
  const [restore, restoreOther] = [withBudget(budget), withBudget(budget, other.settings.contactForm)];
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    const results: { ok?: boolean }[] = [];
    for (let i = 0; i < 8; i++) {
      const instance = i % 2 === 0 ? inbox : other.inbox;
      const email = `w${i}@example.com`;
      results.push(
        (await site.call(instance, 'submitContactForm', [{ ...form, email }], 'visitor')) as { ok?: boolean },
      );
    }
    expect(results.filter((r) => r.ok)).toHaveLength(4);
    const forms = (await site.control.conversations()).flatMap((c) => c.messages);
    expect(forms).toHaveLength(4);
  } finally {
    restore();
    restoreOther();
    warn.mockRestore();
  }
});
