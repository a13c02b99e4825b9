/**
 * Emulator data paths as the store grows (`npm run bench -- emulatorData`): ListMessages' first page of
 * participant-visible messages, the control API's conversations route, and the playground console's
 * conversation list, each timed on a large store against the same read on a small one, in one process.
 *
 * Why this baseline: a read that uses an index costs about the same on a small and a large store, and
 * one that scans grows with it; the small store is the same code on less data, so the ratio shows how the
 * read scales, whatever the machine's speed. Stores are seeded with SQL in one transaction (the bench
 * times reads, not seeding): a message row is a copy of one the emulator stored through its own API, with
 * its own sequence. The oldest 1 in 20 messages are participant-visible and the rest business-only (form
 * messages, notes): the hardest case for the participant-visible page, which must not walk past every
 * newer business-only message to find them. Reads go through the in-process emulator's fetch handler (routing, auth, JSON).
 */
import { createEmulator } from '../../local/emulator';
import { ChangeFeed, consoleRoutes } from '../../local/playground/console-api';
import type { PlaygroundSession } from '../../local/playground/session';
import { controlClient, sdkClient } from '../../test/support/emulator';
import { alternateRounds, median, round, roundRatios, setting, timed, type Benchmark } from './common';

const ROUNDS = setting('BENCH_DATA_ROUNDS', 7, 3);
const CALLS = setting('BENCH_DATA_CALLS', 20, 5);
const LIST_GOAL = 1.5;
const ROUTE_GOAL = 2;

/** A seeded emulator: `conversations` conversations, `messages` messages spread evenly over them. */
async function seeded(conversations: number, messages: number) {
  const emulator = createEmulator();
  const control = controlClient(emulator.fetch);
  const { token } = await control.token('APP');
  const app = sdkClient(emulator.fetch, token);
  const { conversation } = await app.conversations.getOrCreateConversation({
    anonymousVisitorId: '7f000000-0000-4000-8000-000000000000',
  });
  await app.messages.sendMessage(conversation!._id!, {
    content: { basic: { items: [{ text: 'A message of ordinary length, to copy.' }] } },
    direction: 'BUSINESS_TO_PARTICIPANT',
    visibility: 'BUSINESS_AND_PARTICIPANT',
  });
  const db = emulator.context.db;
  const template = db.prepare('SELECT sequence, body FROM messages').get() as { sequence: number; body: string };
  const base = db.prepare('SELECT * FROM conversations').get() as Record<string, unknown>;
  const ids: string[] = [conversation!._id!];
  db.transaction(() => {
    const insertConversation = db.prepare(
      `INSERT INTO conversations (id, participant_key, anonymous_visitor_id, created_at, activity)
       VALUES (?, ?, ?, ?, ?)`,
    );
    for (let n = 1; n < conversations; n++) {
      const visitor = `7f000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
      const id = `6f000000-0000-3000-8000-${String(n).padStart(12, '0')}`;
      insertConversation.run(id, `anonymousVisitorId:${visitor}`, visitor, base.created_at, base.activity);
      ids.push(id);
    }
    const insertMessage = db.prepare(
      'INSERT INTO messages (sequence, conversation_id, visibility, body) VALUES (?, ?, ?, ?)',
    );
    const setActivity = db.prepare('UPDATE conversations SET activity = ? WHERE id = ?');
    const message = JSON.parse(template.body) as Record<string, unknown>;
    for (let n = 1; n < messages; n++) {
      const sequence = template.sequence + n;
      const conversationId = ids[n % ids.length]!;
      const visibility = n < messages / 20 ? 'BUSINESS_AND_PARTICIPANT' : 'BUSINESS';
      const body = { ...message, id: String(sequence), sequence: String(sequence), conversationId, visibility };
      insertMessage.run(sequence, conversationId, visibility, JSON.stringify(body));
      setActivity.run(sequence, conversationId);
    }
  })();
  const consoleApi = consoleRoutes(
    emulator,
    { identities: [] } as unknown as PlaygroundSession,
    () => [],
    new ChangeFeed(),
  );
  return { emulator, app, control, consoleApi, firstConversation: ids[0]! };
}
type Seeded = Awaited<ReturnType<typeof seeded>>;

interface Read {
  name: string;
  /** One read; returns the bytes of the answer. */
  run(store: Seeded): Promise<number>;
  goal: number;
}

const READS: Read[] = [
  {
    name: 'ListMessages, participant-visible, first page',
    goal: LIST_GOAL,
    async run(store) {
      const page = await store.app.messages.listMessages(store.firstConversation, 'BUSINESS_AND_PARTICIPANT');
      if (!page.messages?.length) throw new Error('ListMessages returned no messages');
      return JSON.stringify(page).length;
    },
  },
  {
    name: 'GET /_emulator/v1/conversations (first page)',
    goal: ROUTE_GOAL,
    async run(store) {
      const { status, body } = await store.control.call('GET', '/_emulator/v1/conversations');
      if (status !== 200) throw new Error(`control route answered ${status}`);
      return JSON.stringify(body).length;
    },
  },
  {
    name: 'console conversation list (first page of 50)',
    goal: ROUTE_GOAL,
    async run(store) {
      const response = await store.consoleApi.request('/_playground/conversations?limit=50');
      if (response.status !== 200) throw new Error(`console list answered ${response.status}`);
      return (await response.text()).length;
    },
  },
];

/** Milliseconds per read: the median of CALLS calls (after one warm-up). */
async function timeRead(read: Read, store: Seeded) {
  await read.run(store);
  const times: number[] = [];
  for (let i = 0; i < CALLS; i++) times.push(await timed(() => read.run(store)));
  return median(times);
}

export const emulatorData: Benchmark = {
  key: 'emulatorData',
  title: 'Emulator reads on a large store vs the same reads on a small one',
  async run() {
    // ListMessages: one conversation holding 20k vs 1k messages. Lists: 100k messages in 10k conversations vs 1k in 100.
    const stores: Record<string, { small: Seeded; large: Seeded; sizes: string }> = {
      list: {
        small: await seeded(1, 1_000),
        large: await seeded(1, 20_000),
        sizes: '20k vs 1k messages in the conversation',
      },
      routes: {
        small: await seeded(100, 1_000),
        large: await seeded(10_000, 100_000),
        sizes: '100k messages / 10k conversations vs 1k / 100',
      },
    };
    const storesOf = (read: Read) => (read.goal === LIST_GOAL ? stores.list! : stores.routes!);
    const targets = READS.flatMap((read) => [
      { name: `${read.name} · small`, read, store: storesOf(read).small },
      { name: `${read.name} · large`, read, store: storesOf(read).large },
    ]);
    const times = await alternateRounds(targets, ROUNDS, (t) => timeRead(t.read, t.store));
    const bytes = new Map<string, number>();
    for (const t of targets) bytes.set(t.name, await t.read.run(t.store));
    const measured = READS.map((read) => {
      const small = `${read.name} · small`;
      const large = `${read.name} · large`;
      return {
        read,
        sizes: storesOf(read).sizes,
        smallMs: median(times.get(small)!),
        largeMs: median(times.get(large)!),
        ratio: median(roundRatios(times.get(large)!, times.get(small)!)),
        smallBytes: bytes.get(small)!,
        largeBytes: bytes.get(large)!,
      };
    });
    for (const store of Object.values(stores)) [store.small, store.large].forEach((s) => s.emulator.close());
    const bounded = (m: (typeof measured)[number]) => m.largeBytes <= 2 * m.smallBytes;
    return {
      headline: `large / small: ${measured.map((m) => m.ratio.toFixed(2)).join(', ')} (ListMessages, control route, console)`,
      intro: [
        `Each read ${CALLS} times per sample (median), ${ROUNDS} rounds alternating small and large stores, in process.`,
        'Baseline: the same read on the small store. Answer size: bytes of the JSON answer.',
      ],
      header: [
        'read',
        'stores',
        'small ms',
        'large ms',
        'large / small',
        'goal',
        'goal met',
        'answer bytes small / large',
      ],
      rows: measured.map((m) => [
        m.read.name,
        m.sizes,
        m.smallMs.toFixed(2),
        m.largeMs.toFixed(2),
        m.ratio.toFixed(2),
        `<= ${m.read.goal.toFixed(2)}`,
        m.ratio <= m.read.goal && bounded(m) ? 'met' : 'NOT met',
        `${m.smallBytes} / ${m.largeBytes}`,
      ]),
      notes: [
        'For the lists, the goal also asks a bounded answer: the large store’s answer at most 2× the small one’s.',
      ],
      goals: measured.map((m) => ({
        description: `${m.read.name}: ${m.sizes} <= ${m.read.goal}x${m.read.goal === LIST_GOAL ? '' : ', paged, answer size bounded'}`,
        met: m.ratio <= m.read.goal && bounded(m),
      })),
      results: {
        settings: { rounds: ROUNDS, callsPerSample: CALLS },
        reads: measured.map((m) => ({
          read: m.read.name,
          stores: m.sizes,
          smallMs: round(m.smallMs, 3),
          largeMs: round(m.largeMs, 3),
          ratio: round(m.ratio),
          goal: m.read.goal,
          answerBytes: { small: m.smallBytes, large: m.largeBytes },
        })),
      },
    };
  },
};
