import { items } from '@wix/data';
import { createClient } from '@wix/sdk';
import { CLAIMS_COLLECTION } from 'backend/automations/claims';
import { ALL_FAULTS, ATTEMPTS, harness, useFaultPolicyHooks, type Harness } from '../../support/fault-policy';

/*
 * An event handler claims its work with an insert into the claims collection. A retried insert reads
 * back the claim's owner, and a handler that fails after claiming gives the claim back: it stores the
 * claim's "released" sibling (`<key>~released-1`), so a redelivery knows it is a retry.
 */

useFaultPolicyHooks();

/** Another backend instance claims Ann's like of post-1 first (through its own client). */
async function claimAsAnotherInstance(h: Harness): Promise<void> {
  const other = createClient({
    auth: { getAuthHeaders: async () => ({ headers: { Authorization: h.appToken } }) },
    modules: { items },
    fetch: (url, init) => h.emulator.fetch(new Request(url, init)),
  });
  await other.items.insert(CLAIMS_COLLECTION, { _id: `like:post-1:member:${h.members.ann.id}`, owner: 'someone-else' });
}

describe('claims', () => {
  it('treats a claim whose insert answer was lost as its own, and does the work once', async () => {
    const h = await harness();
    h.arm('claimInsert', 1, 'drop-after', 1);

    await h.likePost();
    expect(await h.event('wixBlog_onPostLiked')).toEqual({ ok: true });

    // Stored by the first attempt, refused as a duplicate on the retry, then read back: ours.
    expect((await h.requests('claimInsert')).map((r) => r.status)).toEqual([200, 409]);
    expect(await h.requests('claimGet')).toHaveLength(1);
    expect(h.claims()).toHaveLength(1);
    expect(await h.inboxMessages()).toHaveLength(1);
  });

  it("still treats another instance's claim as taken when a retry finds it", async () => {
    const h = await harness();
    // Another backend instance claimed this like; our first insert is dropped, the retry gets WDE0074.
    await claimAsAnotherInstance(h);
    h.arm('claimInsert', 1, 'drop', 1);

    await h.likePost();
    expect(await h.event('wixBlog_onPostLiked')).toEqual({ ok: false, code: 'duplicate' });

    // The owner read back (not ours), then whether it was given back (no).
    expect(await h.requests('claimGet')).toHaveLength(2);
    expect(await h.inboxMessages()).toEqual([]);
  });

  it("treats another instance's claim as taken when none of our inserts got an answer", async () => {
    const h = await harness();
    await claimAsAnotherInstance(h);
    // Every attempt dropped: whether ours was stored is unknown, so the claim is read back: not ours.
    h.arm('claimInsert', 1, 'drop', ATTEMPTS);

    await h.likePost();
    expect(await h.event('wixBlog_onPostLiked')).toEqual({ ok: false, code: 'duplicate' });
    expect(await h.inboxMessages()).toEqual([]);
  });

  it('fails without leaving a claim when no insert was stored, so a redelivery can do the work', async () => {
    const h = await harness();
    h.arm('claimInsert', 1, 'drop', ATTEMPTS);

    const { eventId } = (await h.likePost()).body;
    expect(await h.event('wixBlog_onPostLiked')).toEqual({ ok: false, code: 'failed' });
    expect(h.claims()).toEqual([]);

    await h.control.call('POST', `/_emulator/v1/events/${eventId}/redeliver`);
    expect(await h.event('wixBlog_onPostLiked')).toEqual({ ok: true });
    expect(await h.inboxMessages()).toHaveLength(1);
  });

  it('fails at once when Wix refuses the claim outright, without reading it back or sending', async () => {
    const h = await harness();
    // A 400 (not "taken", not "may have happened"): nothing was stored, so there is nothing to read back.
    await h.control.fault('POST', '/wix-data/v2/items', 400);

    await h.likePost();
    expect(await h.event('wixBlog_onPostLiked')).toEqual({ ok: false, code: 'failed' });

    expect((await h.requests('claimInsert')).map((r) => r.status)).toEqual([400]);
    expect(await h.requests('claimGet')).toEqual([]);
    expect(await h.inboxMessages()).toEqual([]);
  });

  describe.each(ALL_FAULTS)(
    'giving a claim back after a failed send, when storing its release fails with %s',
    (fault) => {
      it.each([1, ATTEMPTS])('%i time(s)', async (count) => {
        const h = await harness();
        // The like's send is refused (400, never retried), so the handler gives its claim back.
        await h.control.fault('POST', '/inbox/v2/messages', 400);
        h.arm('claimInsert', 2, fault, count); // the first insert is the claim, the second its release

        await h.likePost();
        expect(await h.event('wixBlog_onPostLiked')).toEqual({ ok: false, code: 'failed' });

        const inserts = await h.requests('claimInsert');
        const released = count < ATTEMPTS || fault === 'drop-after';
        expect(inserts).toHaveLength(1 + (count < ATTEMPTS ? count + 1 : ATTEMPTS));
        expect(h.claims().map((c) => c.id)).toEqual(
          released
            ? [`like:post-1:member:${h.members.ann.id}`, `like:post-1:member:${h.members.ann.id}~released-1`]
            : [`like:post-1:member:${h.members.ann.id}`],
        );
        // The outcome line says what the handler knows: a release that an attempt answered (a retry that
        // finds it stored after a lost answer included) was given back; after three failed attempts it
        // says so, even when the first was stored (drop-after), since no answer told it.
        const [outcome] = jest
          .mocked(console.error)
          .mock.calls.map(([line]) => String(line))
          .filter((line) => line.includes('"handler":"wixBlog_onPostLiked"'));
        expect((JSON.parse(outcome!) as { detail: string }).detail).toEqual(
          count < ATTEMPTS
            ? 'Error (status 400)'
            : expect.stringMatching(/^Error \(status 400\); not given back for a retry: /),
        );
      });
    },
  );
});
