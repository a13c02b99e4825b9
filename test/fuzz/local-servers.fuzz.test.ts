// First: site modules import Velo-only modules such as wix-chat-backend.
import '../../local/velo/velo-modules';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulatorServer } from '../../local/emulator/server';
import { startPlayground } from '../../local/playground/server';
import { localRequest, promisedRefusal, sendLocal, totalChanges, type LocalServer } from '../support/fuzz';

// Requests a browser may send a local server on a page's behalf, with any Host, Origin, Sec-Fetch-*
// and content type: each is refused exactly as the README promises, and a refused one changes nothing.

const NUM_RUNS = 150;
const SEED = 20_261_129;

/** The local servers, each started on a free port, as `npm run emulator` and `npm start` start them. */
const SERVERS: Record<LocalServer['kind'], () => Promise<LocalServer & { close(): Promise<void> }>> = {
  async emulator() {
    const running = await startEmulatorServer({ port: 0 });
    const db = running.emulator.context.db;
    return {
      kind: 'emulator',
      url: running.url,
      port: Number(new URL(running.url).port),
      writes: () => totalChanges(db),
      settle: async () => undefined,
      close: () => running.close(),
    };
  },
  async playground() {
    const dir = mkdtempSync(join(tmpdir(), 'fuzz-local-'));
    const playground = await startPlayground({ dbPath: join(dir, 'site.sqlite'), port: 0 });
    const db = playground.emulator.context.db;
    return {
      kind: 'playground',
      url: playground.url,
      port: Number(new URL(playground.url).port),
      writes: () => totalChanges(db),
      settle: async () => void (await playground.deliverEvents()),
      close: async () => {
        await playground.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

beforeAll(() => {
  // Site code and event handlers log what they do with the requests that get through.
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterAll(() => jest.restoreAllMocks());

it.each(Object.keys(SERVERS) as LocalServer['kind'][])(
  'the %s refuses foreign Host, Origin, cross-site and non-JSON requests as promised, and a refusal changes nothing',
  async (kind) => {
    const server = await SERVERS[kind]();
    try {
      await fc.assert(
        fc.asyncProperty(localRequest(server), async (request) => {
          const answer = await sendLocal(server, request);
          const promised = promisedRefusal(request, server.port);
          const problems = [
            ...(answer.status >= 500 ? [`answered ${answer.status}`] : []),
            ...(answer.refusal !== promised
              ? [`refusal ${answer.refusal ?? 'none'}, promised ${promised ?? 'none'}`]
              : []),
            ...(answer.refusal !== undefined && answer.stored !== 0
              ? [`refused but stored ${answer.stored} rows`]
              : []),
          ];
          if (problems.length > 0) throw new Error(`${problems.join('; ')}: ${answer.detail}`);
        }),
        { seed: SEED, numRuns: NUM_RUNS },
      );
    } finally {
      await server.close();
    }
  },
);
