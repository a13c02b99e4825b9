import { createApp } from './http/app';
import {
  defaultSiteConfig,
  randomIds,
  systemClock,
  type Clock,
  type EmulatorContext,
  type IdGenerator,
  type SiteConfig,
} from './context';
import { EmulatorState } from './state';
import { openDatabase } from './store/database';

export interface EmulatorOptions {
  /** SQLite file path, or `:memory:` (the default, for tests). */
  dbPath?: string;
  clock?: Clock;
  ids?: IdGenerator;
  site?: Partial<SiteConfig>;
  bodyLimitBytes?: number;
}

export interface Emulator {
  /** The whole emulator as a fetch handler: give it a Request, get Wix's Response. */
  fetch(request: Request): Promise<Response>;
  /** Storage, clock, ids and site settings, for tests that inspect state directly. */
  context: EmulatorContext;
  close(): void;
}

/**
 * Creates a local Wix: Inbox, Members, Contacts and legacy Chat, plus the control API.
 *
 * @example
 * const emulator = createEmulator();
 * const res = await emulator.fetch(new Request('http://emulator/_emulator/v1/health'));
 */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const context: EmulatorContext = {
    db: openDatabase(options.dbPath ?? ':memory:'),
    clock: options.clock ?? systemClock,
    ids: options.ids ?? randomIds,
    site: { ...defaultSiteConfig, ...options.site },
  };
  const app = createApp(context, new EmulatorState(), { bodyLimitBytes: options.bodyLimitBytes });
  return {
    fetch: async (request) => app.fetch(request),
    context,
    close: () => context.db.close(),
  };
}

export { CONTROL_PREFIX } from './http/app';
export type { Identity, IdentityType } from './identity';
