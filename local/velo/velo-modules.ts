import Module from 'node:module';
import { join } from 'node:path';
import { setChatBackendImport } from '../../src/backend/lib/legacy-chat';
import * as chatBackendStandIn from './wix-chat-backend';

/** Velo modules that exist only on Wix, and the local stand-ins that implement them. */
const STAND_INS: Record<string, string> = {
  'wix-chat-backend': join(__dirname, 'wix-chat-backend.ts'),
  'wix-captcha-backend': join(__dirname, 'wix-captcha-backend.ts'),
};

type Resolve = (request: string, ...rest: unknown[]) => string;

/**
 * Lets site code `import ... from 'wix-chat-backend'` when it runs in Node (the playground), as jest's
 * moduleNameMapper does for tests. Importing this module registers the stand-ins; import it before
 * any site module.
 */
function registerVeloModules(): void {
  const loader = Module as unknown as { _resolveFilename: Resolve };
  const original = loader._resolveFilename;
  loader._resolveFilename = function resolveVeloModule(request: string, ...rest: unknown[]) {
    return original.call(this, STAND_INS[request] ?? request, ...rest);
  };
}

registerVeloModules();
// Site code imports `wix-chat-backend` lazily with `import()`, which Node's ESM resolver answers, not
// the CommonJS hook above: hand it the stand-in directly.
setChatBackendImport(async () => chatBackendStandIn);
