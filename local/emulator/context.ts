import { createHash, randomUUID } from 'node:crypto';
import type { Db } from './store/database';
import type { PlatformVariants } from './variants';

/** Time source; tests pass a fixed clock. Milliseconds since the epoch. */
export interface Clock {
  now(): number;
}

/** Random ids; tests pass a counter so ids are predictable. */
export interface IdGenerator {
  uuid(): string;
}

export const systemClock: Clock = { now: () => Date.now() };
export const randomIds: IdGenerator = { uuid: () => randomUUID() };

/** Ids 00000000-0000-4000-8000-000000000001, ...002, ... — readable in test failures. */
export function sequentialIds(): IdGenerator {
  let n = 0;
  return { uuid: () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}` };
}

export interface SiteConfig {
  /** The emulated site's id (the `siteId` of wix.config.json is a natural choice). */
  siteId: string;
  /** Shown as `businessDisplayData.name` on conversations. */
  businessName: string;
  /** App id stamped on messages sent by a Wix user (dashboard): Wix's Velo app id in the docs' examples. */
  siteAppId: string;
  /** The site owner's member id: `participantId` of business messages in legacy chat events. */
  siteOwnerMemberId: string;
}

export const defaultSiteConfig: SiteConfig = {
  siteId: '00000000-0000-4000-8000-000000000000',
  businessName: 'Local Wix Site',
  siteAppId: '151e476a-715e-ec33-db9a-a7ff4d51f70a',
  siteOwnerMemberId: '0e0e0e0e-0000-4000-8000-00000000000e',
};

/** Everything an operation needs: storage, time, ids and site settings. */
export interface EmulatorContext {
  db: Db;
  clock: Clock;
  ids: IdGenerator;
  site: SiteConfig;
  /** How the emulator answers where Wix's behaviour is undocumented; the control API can change it. */
  variants: PlatformVariants;
}

/**
 * A name-based (version 3, MD5) UUID, the shape of Wix's conversation ids. Deriving the id from
 * site + participant makes get-or-create idempotent without any lookup.
 */
export function nameBasedUuid(namespace: string, name: string): string {
  const hash = createHash('md5').update(`${namespace}:${name}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x30;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** ISO-8601 with milliseconds, as Wix renders timestamps. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString();
}
