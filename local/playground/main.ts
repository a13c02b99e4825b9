// First: site modules import Velo-only modules such as wix-chat-backend.
import '../velo/velo-modules';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseVariants } from '../emulator';
import { startPlayground } from './server';
import { quietConsole } from './terminal';

/**
 * `npm start`: the site, its web methods, the emulator and the Inbox console on http://127.0.0.1:3000.
 * PORT changes the port; EMULATOR_DB the storage (default .data/playground.sqlite); EMULATOR_VARIANTS
 * the platform variants (`name=value,...`); `--reset` starts with empty state; `--verbose` prints the
 * site's own log lines and full error stacks.
 */
async function main(): Promise<void> {
  const port = process.env.PORT ? Number(process.env.PORT) : 3000;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got "${process.env.PORT}".`);
  }
  const dbPath = process.env.EMULATOR_DB || resolve('.data', 'playground.sqlite');
  if (dbPath !== ':memory:') {
    mkdirSync(dirname(dbPath), { recursive: true });
    if (process.argv.includes('--reset')) {
      const existed = existsSync(dbPath);
      for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
      console.log(existed ? `Reset: removed ${dbPath}; starting empty.` : `Reset: nothing stored yet at ${dbPath}.`);
    }
  }
  quietConsole(process.argv.includes('--verbose'));
  const variants = parseVariants(process.env.EMULATOR_VARIANTS);
  const playground = await startPlayground({ dbPath, port, variants, log: (line) => console.log(line) });
  console.log(`Local Wix site ready: ${playground.url}`);
  console.log(`  Inbox console: ${playground.url}/console   (storage: ${dbPath})`);
  const stop = () => void playground.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
