import { ApiKeyStrategy } from '@wix/sdk';
import { createEmulator } from '../../local/emulator';
import { PARITY_CASES, parityClient, type ParityCase, type ParityClient, type ParityTarget } from './cases';

/**
 * `npm run parity`: the contract suite (cases.ts) against the emulator, and, when WIX_API_KEY and
 * WIX_SITE_ID are set, against that real site through the real SDK with API-key auth. Prints one row
 * per case: the emulator's answer, the site's, and whether they are the same.
 */

export const TEST_EMAIL = 'inbox-connector-parity@example.com';

export interface ParityRow {
  name: string;
  emulator: string;
  site?: string;
}

/** The emulator as a target: an app token for the business, a visitor token for un-elevated calls. */
async function emulatorTarget(): Promise<{ target: ParityTarget; close(): void }> {
  const emulator = createEmulator();
  const token = async (type: string) => {
    const response = await emulator.fetch(
      new Request('http://emulator.local/_emulator/v1/tokens', { method: 'POST', body: JSON.stringify({ type }) }),
    );
    return ((await response.json()) as { token: string }).token;
  };
  const clientWith = (authorization: string): ParityClient =>
    parityClient({ getAuthHeaders: async () => ({ headers: { Authorization: authorization } }) }, (url, init) =>
      emulator.fetch(new Request(url, init)),
    );
  return {
    target: {
      business: clientWith(await token('APP')),
      visitor: clientWith(await token('ANONYMOUS_VISITOR')),
      testEmail: TEST_EMAIL,
    },
    close: () => emulator.close(),
  };
}

function siteTarget(apiKey: string, siteId: string): ParityTarget {
  return {
    business: parityClient(ApiKeyStrategy({ apiKey, siteId })),
    testEmail: TEST_EMAIL,
  };
}

/** Runs every case on the emulator, and on the site when one is given; cases run one at a time. */
export async function runParity(
  site?: ParityTarget,
  cases: readonly ParityCase[] = PARITY_CASES,
): Promise<ParityRow[]> {
  const emulator = await emulatorTarget();
  try {
    const rows: ParityRow[] = [];
    for (const parityCase of cases) {
      rows.push({
        name: parityCase.name,
        emulator: await parityCase.run(emulator.target),
        ...(site ? { site: await parityCase.run(site) } : {}),
      });
    }
    return rows;
  } finally {
    emulator.close();
  }
}

/** The side-by-side table, as Markdown (it reads in a terminal and pastes into the README). */
export function parityTable(rows: readonly ParityRow[]): string {
  const cells = rows.map((row) => [
    row.name,
    row.emulator,
    row.site ?? '(no site)',
    row.site === undefined ? '—' : row.site === row.emulator ? 'same' : 'DIFFERENT',
  ]);
  const header = ['case', 'emulator', 'site', 'same?'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

async function main(): Promise<void> {
  const { WIX_API_KEY: apiKey, WIX_SITE_ID: siteId } = process.env;
  if (Boolean(apiKey) !== Boolean(siteId)) throw new Error('Set both WIX_API_KEY and WIX_SITE_ID, or neither.');
  if (apiKey && siteId) {
    console.log(
      `Against site ${siteId}: this creates (or reuses) one contact, ${TEST_EMAIL}, and its Inbox conversation, ` +
        'and sends a few business-only messages there (visibility BUSINESS, marked "Parity"). Nothing else is changed.',
    );
  } else {
    console.log('Emulator only (set WIX_API_KEY and WIX_SITE_ID to compare with a real site).');
  }
  const rows = await runParity(apiKey && siteId ? siteTarget(apiKey, siteId) : undefined);
  console.log(parityTable(rows));
  const different = rows.filter((row) => row.site !== undefined && row.site !== row.emulator).length;
  if (apiKey) console.log(`${rows.length - different} same, ${different} different.`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`parity: ${(error as Error).message}`);
    process.exit(1);
  });
}
