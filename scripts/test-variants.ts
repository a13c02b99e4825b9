import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { VARIANT_VALUES } from '../local/emulator/variants';

/**
 * `npm run test:variants [-- <jest paths>]`: the site's own tests (default test/site and test/events),
 * once per platform variant value under which they must pass unchanged, with EMULATOR_VARIANTS set
 * (test/support/site.ts reads it). The variants that change an outcome by design (Inbox missing, claims
 * collection missing, a member's contact routing) are covered, value by value, in
 * test/site/platform-variants.test.ts, which `npm test` runs. Prints one row per variant.
 */

const RUNS = VARIANT_VALUES.visitorCurrentMember.map((value) => `visitorCurrentMember=${value}`);
const paths = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['test/site', 'test/events'];
const jest = join(__dirname, '..', 'node_modules', '.bin', 'jest');

const rows = RUNS.map((variants) => {
  const run = spawnSync(jest, ['--silent', ...paths], {
    env: { ...process.env, EMULATOR_VARIANTS: variants },
    encoding: 'utf8',
  });
  const summary = /Tests:\s+(.+)/.exec(run.stderr)?.[1]?.trim() ?? 'no summary';
  return { variants, passed: run.status === 0, summary };
});

console.log('| EMULATOR_VARIANTS | result | tests |');
console.log('| --- | --- | --- |');
for (const row of rows) console.log(`| ${row.variants} | ${row.passed ? 'pass' : 'FAIL'} | ${row.summary} |`);
process.exit(rows.every((row) => row.passed) ? 0 : 1);
