/** Every web method, for every persona, as a fuzz target: in-process and through the RPC of `npm start`. */
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlayground } from '../../../local/playground/server';
import { WEB_MODULES, webModule } from '../../../local/playground/web-modules';
import { NotAWebMethod, TooManyArguments, WebMethodForbidden } from '../../../local/velo/web-method-invoker';
import { setupSite } from '../site';
import { contactAndChannel } from './emulator-fixture';
import { hugeArray, INHERITED_NAMES, isContainer, lookAlikeEmail, mutated, oddValue } from './inputs';
import {
  brokenInvariants,
  nonEmpty,
  parseJson,
  shorten,
  siteWrites,
  type FuzzTarget,
  type Observation,
} from './invariants';
import { basic, cursorFor, email, interactionId, minimal, optional, some, text, webUrl } from './valid-values';

export type Persona = 'visitor' | 'member' | 'admin';
const PERSONAS: readonly Persona[] = ['visitor', 'member', 'admin'];

/** What a call returned: the web method's result, or the status of a refusal and what was said. */
export interface WebCallOutcome {
  status: number;
  result?: unknown;
  code?: string;
  detail?: string;
}

/** Where web methods run: in process through the Velo invoker, or through the playground's RPC. */
export interface WebMethodHost {
  ids: { memberId: string; memberContactId: string; contactId: string; channelId: string };
  call(file: string, method: string, args: unknown[], as: Persona): Promise<WebCallOutcome>;
  /** Rows written to the emulator's store since it opened, less conversations opened (`siteWrites`). */
  writes(): number;
  /** Waits until work an earlier call started in the background (event delivery) is done. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** Every export of every web module, as each persona. */
export const WEB_METHOD_CASES = Object.entries(WEB_MODULES).flatMap(([file, module]) =>
  Object.keys(module)
    .filter((name) => typeof module[name] === 'function')
    .flatMap((method) => PERSONAS.map((as) => ({ file, method, as }))),
);
export type WebMethodCase = (typeof WEB_METHOD_CASES)[number];
export const webMethodName = (c: WebMethodCase) => `${c.file} ${c.method} as ${c.as}`;

/** Web methods called in process (setupSite): the Velo permission gate, the real SDK, the emulator. */
export async function inProcessWebHost(): Promise<WebMethodHost> {
  const site = await setupSite();
  const [app, visitor] = [await site.control.token('APP'), await site.control.token('ANONYMOUS_VISITOR')];
  const callerOf = { visitor: 'visitor', member: 'ann', admin: 'admin' } as const;
  return {
    ids: {
      memberId: site.members.ann.id,
      memberContactId: site.members.ann.contactId,
      ...(await contactAndChannel(site.emulator.fetch, app.token, visitor.identity.id)),
    },
    async call(file, method, args, as) {
      const module = webModule(file);
      if (!module) return { status: 404, code: 'NOT_FOUND', detail: `no web module ${file}` };
      try {
        return { status: 200, result: await site.call(module, method, args, callerOf[as]) };
      } catch (error) {
        if (error instanceof WebMethodForbidden) return { status: 403, code: 'FORBIDDEN', detail: error.message };
        if (error instanceof NotAWebMethod) return { status: 404, code: 'NOT_FOUND', detail: error.message };
        if (error instanceof TooManyArguments)
          return { status: 400, code: 'TOO_MANY_ARGUMENTS', detail: error.message };
        return { status: 500, detail: `threw ${String(error)}` };
      }
    },
    writes: () => siteWrites(site.emulator.context.db),
    settle: async () => undefined,
    close: async () => site.emulator.close(),
  };
}

/** Web methods called through the playground's HTTP RPC (`POST /_webMethods/<file>/<export>`). */
export async function playgroundWebHost(): Promise<WebMethodHost> {
  const dir = mkdtempSync(join(tmpdir(), 'fuzz-playground-'));
  const playground = await startPlayground({ dbPath: join(dir, 'playground.sqlite'), port: 0 });
  const { identities, appToken } = playground.session;
  const db = playground.emulator.context.db;
  const member = db.prepare('SELECT contact_id FROM members WHERE id = ?').get(identities.member.id) as {
    contact_id: string;
  };
  return {
    ids: {
      memberId: identities.member.id,
      memberContactId: member.contact_id,
      ...(await contactAndChannel(playground.emulator.fetch, appToken, identities.visitor.id)),
    },
    async call(file, method, args, as) {
      const response = await fetch(`${playground.url}/_webMethods/${file}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: identities[as].token },
        body: JSON.stringify(args),
      });
      const text = await response.text();
      const body = parseJson(text) as { code?: unknown; ok?: unknown } | undefined;
      // A web method's answer is 200, or 400 for INVALID_INPUT; any other status, or a body with no
      // `ok`, is the RPC's own refusal, which names its code.
      if (body?.ok !== undefined && (response.status === 200 || response.status === 400)) {
        return { status: 200, result: body };
      }
      const code = typeof body?.code === 'string' ? body.code : undefined;
      return { status: response.status, ...(code ? { code } : {}), detail: shorten(text) };
    },
    writes: () => siteWrites(db),
    settle: async () => {
      await playground.deliverEvents();
    },
    close: async () => {
      await playground.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The status each web error code stands for. */
// prettier-ignore
const WEB_ERROR_STATUS: Record<string, number> = {
  INVALID_INPUT: 400, LOGIN_REQUIRED: 401, NOT_ALLOWED: 403, NOT_FOUND: 404, RATE_LIMITED: 429, UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** Normalizes a web-method call: `{ok: true}` 200, `{ok: false}` by its code, a refusal by its status. */
function observeWebCall(outcome: WebCallOutcome, stored: number): Observation {
  if (outcome.status !== 200) {
    const { status, code, detail } = outcome;
    return {
      status,
      stored,
      hasFieldReason: code !== undefined,
      ...(code ? { code } : {}),
      ...(detail ? { detail } : {}),
    };
  }
  const result = outcome.result as { ok?: unknown; error?: { code?: unknown; fieldErrors?: unknown } } | undefined;
  if (result?.ok === true) return { status: 200, stored, hasFieldReason: false };
  const code = result?.ok === false ? result.error?.code : undefined;
  if (typeof code !== 'string' || !(code in WEB_ERROR_STATUS)) {
    const detail = `not a web result: ${shorten(JSON.stringify(result) ?? String(result))}`;
    return { status: 500, stored, hasFieldReason: false, detail };
  }
  const fieldErrors = result!.error!.fieldErrors;
  const observation: Observation = {
    status: WEB_ERROR_STATUS[code]!,
    stored,
    hasFieldReason: code !== 'INVALID_INPUT' || (isContainer(fieldErrors) && Object.values(fieldErrors).some(nonEmpty)),
    code,
  };
  return brokenInvariants(observation).length > 0
    ? { ...observation, detail: shorten(JSON.stringify(result)) }
    : observation;
}

/** Valid arguments for each web method, from the host's real ids. */
function validArgs(method: string, ids: WebMethodHost['ids']): fc.Arbitrary<unknown[]> {
  const recipient = fc.oneof(
    fc.constantFrom({ memberId: ids.memberId }, { contactId: ids.memberContactId }, { contactId: ids.contactId }),
    fc.uuid().map((memberId) => ({ memberId })),
    fc.uuid().map((contactId) => ({ contactId })),
  );
  const options = optional(fc.record({ sendNotifications: fc.boolean() }, { requiredKeys: [] }));
  const button = fc.oneof(fc.record({ label: text, launchUrl: webUrl }), fc.record({ label: text, interactionId }));
  const template = fc.record(
    { title: text, textLines: some(text), buttons: some(button), imageUrl: webUrl },
    { requiredKeys: [] },
  );
  const send = (content: fc.Arbitrary<unknown>) =>
    fc.tuple(recipient, content, options).map(([r, c, o]) => (o ? [r, c, o] : [r, c]));
  switch (method) {
    case 'submitContactForm': {
      const form = fc.record(
        {
          firstName: text,
          lastName: text,
          email: fc.oneof(
            { weight: 5, arbitrary: email },
            { weight: 1, arbitrary: fc.constant('ANN@example.com') },
            { weight: 1, arbitrary: lookAlikeEmail(fc.constantFrom('ann@example.com', 'cara@example.com')) },
          ),
          message: text,
          subscribeNewsletter: fc.boolean(),
          website: fc.constantFrom('', 'http://spam.example.com'),
        },
        { requiredKeys: ['firstName', 'email', 'message'] },
      );
      return form.map((f) => [f]);
    }
    case 'sendMemberMessage':
      return text.map((t) => [t]);
    case 'getMyMessages':
      return fc.constant([]);
    case 'sendBasicMessage':
      return send(basic);
    case 'sendTemplateMessage':
      return send(template);
    case 'sendMinimalMessage':
      return send(minimal);
    case 'listConversationMessages': {
      // Any string passes the site's check of a cursor; only Wix can tell whether it issued it.
      const cursor = fc.oneof(
        fc.nat().map((n) => cursorFor(n, 'BUSINESS', 'DESC')),
        fc.nat().map((n) => cursorFor(n, 'BUSINESS_AND_PARTICIPANT', 'ASC')),
        fc.string({ minLength: 1, maxLength: 40 }),
      );
      const page = fc.record({ limit: fc.integer({ min: 1, max: 100 }), cursor }, { requiredKeys: [] });
      return fc.tuple(recipient, optional(page)).map(([r, p]) => (p ? [r, p] : [r]));
    }
    case 'sendChatMessage':
      return fc.tuple(fc.oneof(fc.constant(ids.channelId), fc.uuid()), text);
    default:
      // A web method added later is still fuzzed, with random arguments only.
      return fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 });
  }
}

/** Values that are not plain JSON, in process; through the RPC, what JSON.stringify makes of them. */
const ANYTHING = {
  maxDepth: 3,
  withNullPrototype: true,
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
};

/** Argument arrays: mutated valid arguments, valid ones, random JSON and odd values. */
function argsArbitrary(method: string, ids: WebMethodHost['ids']): fc.Arbitrary<unknown[]> {
  const valid = validArgs(method, ids);
  return fc.oneof(
    { weight: 10, arbitrary: mutated(valid).map((args) => (Array.isArray(args) ? args : [args])) },
    { weight: 3, arbitrary: valid },
    { weight: 3, arbitrary: fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 4 }) },
    { weight: 2, arbitrary: fc.array(oddValue, { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.array(fc.anything(ANYTHING), { maxLength: 3 }) },
    { weight: 1, arbitrary: hugeArray },
  );
}

/** A target for one web method as one persona, on a host shared by all of them. */
export function webMethodTarget(host: WebMethodHost, c: WebMethodCase): FuzzTarget<unknown[]> {
  return {
    name: webMethodName(c),
    arbitrary: argsArbitrary(c.method, host.ids),
    async run(args) {
      await host.settle();
      const before = host.writes();
      const outcome = await host.call(c.file, c.method, args, c.as);
      return observeWebCall(outcome, host.writes() - before);
    },
  };
}

/** Module and export names a look-up by name could find on any object, next to the real ones. */
export function inheritedNameTarget(host: WebMethodHost): FuzzTarget<{ file: string; method: string; as: Persona }> {
  const files = Object.keys(WEB_MODULES);
  const methods = Object.values(WEB_MODULES).flatMap((module) => Object.keys(module));
  return {
    name: 'web methods by inherited names',
    arbitrary: fc.record({
      file: fc.constantFrom(...files, ...INHERITED_NAMES),
      method: fc.constantFrom(...methods, ...INHERITED_NAMES, '__esModule', 'default'),
      as: fc.constantFrom(...PERSONAS),
    }),
    async run({ file, method, as }) {
      await host.settle();
      const before = host.writes();
      const outcome = await host.call(file, method, [], as);
      return observeWebCall(outcome, host.writes() - before);
    },
  };
}
