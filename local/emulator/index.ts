import { ConnectionDropped, createApp, droppedConnectionError } from './http/app';
import type { NodeAnswerBindings } from './http/env';
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
import { defaultVariants, type PlatformVariants } from './variants';

export interface EmulatorOptions {
  /** SQLite file path, or `:memory:` (the default, for tests). */
  dbPath?: string;
  clock?: Clock;
  ids?: IdGenerator;
  site?: Partial<SiteConfig>;
  bodyLimitBytes?: number;
  /** Platform variants (local/emulator/variants.ts); unnamed ones take their default. */
  variants?: Partial<PlatformVariants>;
}

export interface Emulator {
  /**
   * The whole emulator as a fetch handler: give it a Request, get Wix's Response. Like `fetch`, it
   * rejects with a TypeError when an injected fault drops the connection. A Node adapter passes the
   * response it is writing (`node`), so headers go straight onto it.
   */
  fetch(request: Request, node?: NodeAnswerBindings): Promise<Response>;
  /** Storage, clock, ids and site settings, for tests that inspect state directly. */
  context: EmulatorContext;
  /** Answers every request a `timeout` fault is holding, now. */
  releaseHeld(): void;
  /**
   * Runs `listener` after each `POST /_emulator/v1/reset`, before it is answered, so a runtime that
   * keeps its own state beside the emulator's (the playground's event delivery) can reset it too.
   */
  onReset(listener: () => void): () => void;
  /** Releases held requests and closes the database. */
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
    variants: { ...defaultVariants(), ...options.variants },
  };
  const state = new EmulatorState();
  const app = createApp(context, state, { bodyLimitBytes: options.bodyLimitBytes });
  return {
    fetch: async (request, node) => {
      try {
        return await app.fetch(request, node);
      } catch (error) {
        throw error instanceof ConnectionDropped ? droppedConnectionError(error) : error;
      }
    },
    context,
    releaseHeld: () => state.releaseHeld(),
    onReset: (listener) => state.onReset(listener),
    close: () => {
      state.releaseHeld();
      context.db.close();
    },
  };
}

export { CONTROL_PREFIX, isDroppedConnection } from './http/app';
export type { Identity, IdentityType } from './identity';
export { VARIANT_VALUES, parseVariants, type PlatformVariants } from './variants';
