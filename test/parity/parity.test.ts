import { createEmulator } from '../../local/emulator';
import { PARITY_CASES, parityClient } from '../../scripts/parity/cases';
import { TEST_EMAIL, parityTable, runParity } from '../../scripts/parity/run';

/** What the emulator answers each contract case: Wix's documented behaviour, or the contract note's choice. */
const EXPECTED: Record<string, string> = {
  'contact append-or-create, twice': 'same contact: true, newContact false, CONTACT',
  'get-or-create is idempotent': 'same id: true, second new: false',
  'send a basic message (business, BUSINESS visibility)': '200 BASIC BUSINESS sender appId',
  'validation violation shape (empty basic items)': '400 message.content.basic.items MIN_SIZE',
  'list paging: limit 2, then the next cursor': 'count 2, next cursor: true, newest first: true, page 2 has 2',
  'send to an unknown conversation': '404 NOT_FOUND',
  'un-elevated visitor lists messages': '403 PERMISSION_DENIED',
};

it('runs every contract case on the emulator (npm run parity without a site)', async () => {
  const rows = await runParity();
  expect(rows.map((row) => row.name)).toEqual(PARITY_CASES.map((c) => c.name));
  expect(Object.fromEntries(rows.map((row) => [row.name, row.emulator]))).toEqual(EXPECTED);
  const table = parityTable(rows).split('\n');
  expect(table[0]).toMatch(/^\| case +\| emulator +\| site +\| same\? \|$/);
  expect(table).toHaveLength(2 + PARITY_CASES.length);
  for (const line of table.slice(2)) expect(line).toMatch(/\| \(no site\) \| — +\|$/);
});

it('compares side by side and marks each case same or DIFFERENT', async () => {
  // A second emulator stands in for a site: one without Inbox, so the Inbox cases differ.
  const site = createEmulator({ variants: { inbox: 'not-installed' } });
  try {
    const token = await site.fetch(
      new Request('http://site.local/_emulator/v1/tokens', { method: 'POST', body: '{"type":"APP"}' }),
    );
    const { token: appToken } = (await token.json()) as { token: string };
    const business = parityClient(
      { getAuthHeaders: async () => ({ headers: { Authorization: appToken } }) },
      (url, init) => site.fetch(new Request(url, init)),
    );
    const rows = await runParity({ business, testEmail: TEST_EMAIL });
    const byName = Object.fromEntries(rows.map((row) => [row.name, row]));
    expect(byName['contact append-or-create, twice']!.site).toBe(EXPECTED['contact append-or-create, twice']);
    expect(byName['get-or-create is idempotent']!.site).toBe('404 INBOX_INSTANCE_NOT_FOUND');
    expect(byName['un-elevated visitor lists messages']!.site).toBe('n/a (no visitor token in API-key mode)');
    const table = parityTable(rows);
    expect(table).toMatch(/contact append-or-create, twice .*\| same +\|/);
    expect(table).toMatch(/get-or-create is idempotent .*\| DIFFERENT \|/);
  } finally {
    site.close();
  }
});
