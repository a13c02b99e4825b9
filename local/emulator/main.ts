import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { startEmulatorServer } from './server';
import { parseVariants } from './variants';

/**
 * `npm run emulator`: the emulator over HTTP on 127.0.0.1.
 * PORT (default 8787), EMULATOR_DB (a file path or `:memory:`; default `.data/emulator.sqlite`) and
 * EMULATOR_VARIANTS (platform variants, `name=value,...`; see variants.ts).
 */
async function main(): Promise<void> {
  // An empty PORT means the default, not port 0.
  const port = Number(process.env.PORT || 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got "${process.env.PORT}".`);
  }
  const dbPath = process.env.EMULATOR_DB || resolve('.data', 'emulator.sqlite');
  if (dbPath !== ':memory:') mkdirSync(dirname(dbPath), { recursive: true });
  const variants = parseVariants(process.env.EMULATOR_VARIANTS);
  const running = await startEmulatorServer({ port, dbPath, variants });
  // Tools read the URL from this line (test/emulator/durability.test.ts starts it with PORT=0): keep its shape.
  console.log(`Wix emulator listening on ${running.url} (storage: ${dbPath})`);
  console.log(`Control API: ${running.url}/_emulator/v1/health`);
  if (Object.keys(variants).length > 0) console.log(`Platform variants: ${JSON.stringify(variants)}`);
  const stop = () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
