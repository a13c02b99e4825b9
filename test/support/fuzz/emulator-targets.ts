/** Every emulator endpoint as a fuzz target: its paths, the valid requests to mutate, and how to observe an answer. */
import fc from 'fast-check';
import { SUBMISSION_STATUSES } from '../../../local/emulator/forms/submissions';
import { IDENTITY_TYPES } from '../../../local/emulator/identity';
import { DIRECTIONS, VISIBILITIES } from '../../../local/emulator/inbox/message-schema';
import { AUTHS, emulatorFixture, FORM_ID, type Auth, type HttpInput, type Ids } from './emulator-fixture';
import { bodyArbitrary, flatQuery, packedQuery, pathSegment } from './inputs';
import { brokenInvariants, nonEmpty, parseJson, shorten, type FuzzTarget, type Observation } from './invariants';
import { cursorFor, email, restContent, some, text } from './valid-values';

/** One emulator endpoint: its method, whether it takes a token, and its generated requests. */
export interface EmulatorTargetDef {
  name: string;
  method: 'GET' | 'POST';
  /** Emulated Wix APIs take a token (mostly `as`, else an app's, sometimes another); control routes none. */
  api: boolean;
  as?: Auth;
  input(ids: Ids): fc.Arbitrary<HttpInput>;
}

/**
 * A POST endpoint, served at any of `paths` (or the paths a fixture's ids give), whose valid bodies
 * `valid` generates.
 */
const post = (
  name: string,
  paths: string[] | ((ids: Ids) => string[]),
  valid: (ids: Ids) => fc.Arbitrary<unknown>,
): EmulatorTargetDef => ({
  name,
  method: 'POST',
  api: !name.startsWith('POST /_emulator/'),
  input: (ids) =>
    fc
      .tuple(fc.constantFrom(...(typeof paths === 'function' ? paths(ids) : paths)), bodyArbitrary(valid(ids)))
      .map(([path, body]) => ({ path, body })),
});

/** A GET endpoint: `path` joins a prefix, a path parameter and a query. */
const get = (
  name: string,
  parts: (ids: Ids) => [prefixes: string[], segment: fc.Arbitrary<string>, query: fc.Arbitrary<string>],
  as?: Auth,
): EmulatorTargetDef => ({
  name,
  method: 'GET',
  api: true,
  ...(as ? { as } : {}),
  input: (ids) => {
    const [prefixes, segment, query] = parts(ids);
    return fc
      .tuple(fc.constantFrom(...prefixes), segment, query)
      .map(([prefix, s, q]) => ({ path: `${prefix}${s}${q ? `?${q}` : ''}` }));
  },
});

const inbox = (path: string) => [`/inbox/v2${path}`, `/crm/inbox/v2${path}`];
const contacts = (path: string) => [`/contacts/v4${path}`, `/_api/contacts/v4${path}`];
const membersApi = (path: string) => [`/members/v1${path}`, `/_api/members/v1${path}`];
const data = (path: string) => [`/wix-data/v2${path}`, `/_api/wix-data/v2${path}`];
const control = (path: string) => [`/_emulator/v1${path}`];
const none = fc.constant('');

const conversationOf = (ids: Ids) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(ids.memberConversationId, ids.visitorConversationId) },
    { weight: 1, arbitrary: fc.uuid() },
  );
const visitorOrMember = (ids: Ids) =>
  fc.oneof(
    fc.constant({ memberId: ids.memberId }),
    fc.uuid().map((memberId) => ({ memberId })),
    fc.uuid().map((anonymousVisitorId) => ({ anonymousVisitorId })),
  );
const participant = (ids: Ids) =>
  fc.oneof(
    visitorOrMember(ids),
    fc.constantFrom({ contactId: ids.contactId }, { contactId: ids.memberContactId }),
    fc.uuid().map((contactId) => ({ contactId })),
  );

const sendMessageRequest = (ids: Ids) =>
  fc.record(
    {
      conversationId: conversationOf(ids),
      message: fc.record(
        {
          content: restContent,
          direction: fc.constantFrom(...DIRECTIONS),
          visibility: fc.constantFrom(...VISIBILITIES),
          badges: fc.array(fc.record({ text, badgeVisibility: fc.constantFrom('BUSINESS') }), { maxLength: 1 }),
          sourceChannel: fc.constantFrom('CHAT', 'EMAIL'),
          silent: fc.boolean(),
        },
        { requiredKeys: ['content', 'direction', 'visibility'] },
      ),
      sendNotifications: fc.boolean(),
      sendAs: fc.constantFrom('CALLER', 'PARTICIPANT'),
    },
    { requiredKeys: ['conversationId', 'message'] },
  );

const listMessagesRequest = (ids: Ids) =>
  fc.tuple(fc.constantFrom(...VISIBILITIES), fc.constantFrom('ASC', 'DESC')).chain(([visibility, order]) =>
    fc.record(
      {
        conversationId: conversationOf(ids),
        visibility: fc.constant(visibility),
        paging: fc.record(
          { limit: fc.integer({ min: 0, max: 100 }), cursor: fc.nat().map((n) => cursorFor(n, visibility, order)) },
          { requiredKeys: [] },
        ),
        sorting: fc.record({ fieldName: fc.constant('sequence'), order: fc.constant(order) }, { requiredKeys: [] }),
      },
      { requiredKeys: ['conversationId', 'visibility'] },
    ),
  );

const contactInfo = fc.record(
  {
    name: fc.record({ first: text, last: text }, { requiredKeys: [] }),
    emails: fc.record({ items: some(fc.record({ email }), 1) }),
  },
  { requiredKeys: ['emails'] },
);

const knownEmail = fc.oneof(email, fc.constantFrom('cara@example.com', 'ANN@example.com'));
const emailFilter = fc.oneof(
  knownEmail.map((e) => ({ 'info.emails.email': e })),
  knownEmail.map((e) => ({ 'info.emails.email': { $eq: e } })),
  knownEmail.map((e) => ({ 'primaryInfo.email': e })),
);

/** Every emulated Wix API and the control routes that create things. */
export const EMULATOR_TARGETS: readonly EmulatorTargetDef[] = [
  post('POST /inbox/v2/messages', inbox('/messages'), sendMessageRequest),
  get('GET /inbox/v2/messages (flat query)', (ids) => [inbox('/messages'), none, flatQuery(listMessagesRequest(ids))]),
  get('GET /inbox/v2/messages (.r)', (ids) => [inbox('/messages'), none, packedQuery(listMessagesRequest(ids))]),
  post('POST /inbox/v2/conversations', inbox('/conversations'), (ids) =>
    fc.record({ participantId: participant(ids) }),
  ),
  get('GET /inbox/v2/conversations/:id', (ids) => [
    inbox('/conversations/'),
    pathSegment([ids.memberConversationId, ids.visitorConversationId]),
    none,
  ]),
  post('POST /contacts/v4/contact-submit', contacts('/contact-submit'), () => fc.record({ info: contactInfo })),
  post('POST /contacts/v4/contacts', contacts('/contacts'), () =>
    fc.record({ info: contactInfo, allowDuplicates: fc.constant(false) }, { requiredKeys: ['info'] }),
  ),
  post('POST /contacts/v4/contacts/query', contacts('/contacts/query'), () =>
    fc.record({
      query: fc.record({
        filter: emailFilter,
        paging: fc.record({ limit: fc.integer({ min: 0, max: 1000 }), offset: fc.nat() }, { requiredKeys: [] }),
      }),
    }),
  ),
  get('GET /contacts/v4/contacts/:id', (ids) => [
    contacts('/contacts/'),
    pathSegment([ids.contactId, ids.memberContactId]),
    none,
  ]),
  get(
    'GET /members/v1/members/my',
    () => [membersApi('/members/my'), none, flatQuery(fc.record({ fieldsets: fc.constantFrom('FULL', 'PUBLIC') }))],
    'member',
  ),
  get('GET /members/v1/members/:id', (ids) => [
    membersApi('/members/'),
    pathSegment([ids.memberId]),
    fc.constantFrom('', 'fieldsets=FULL'),
  ]),
  {
    name: 'POST /chat/v1/channels/:id/messages',
    method: 'POST',
    api: true,
    input: (ids) => {
      const body = fc.record(
        { messageText: text, sendAsVisitor: fc.boolean(), metadata: fc.jsonValue({ maxDepth: 2 }) },
        { requiredKeys: ['messageText'] },
      );
      return fc
        .tuple(pathSegment([ids.channelId]), bodyArbitrary(body))
        .map(([channel, b]) => ({ path: `/chat/v1/channels/${channel}/messages`, body: b }));
    },
  },
  post('POST /wix-data/v2/items', data('/items'), () =>
    fc.record({
      dataCollectionId: fc.constantFrom('FuzzItems', 'InboxConnectorClaims'),
      dataItem: fc.record(
        { id: fc.uuid(), data: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 })) },
        { requiredKeys: [] },
      ),
    }),
  ),
  get('GET /wix-data/v2/items/:id', () => [
    data('/items/'),
    pathSegment(['item-1']),
    flatQuery(fc.record({ dataCollectionId: fc.constantFrom('FuzzItems') })),
  ]),
  post('POST /wix-data/v2/items/remove', data('/items/remove'), () =>
    fc.record({
      dataCollectionId: fc.constantFrom('FuzzItems'),
      dataItemId: fc.oneof(fc.constant('item-1'), fc.uuid()),
    }),
  ),
  get('GET /secrets/name/:name', () => [
    ['/_api/cloud-secrets-vault-server/api/v1/secrets/name/', '/secrets-service/api/v1/secrets/name/'],
    pathSegment(['webhook-secret']),
    none,
  ]),
  post('POST /_emulator/v1/members', control('/members'), (ids) =>
    fc.record(
      {
        email: fc.oneof(email, fc.constant('ann@example.com')),
        name: text,
        id: fc.oneof(fc.uuid(), fc.constant(ids.memberId)),
      },
      { requiredKeys: ['email'] },
    ),
  ),
  post('POST /_emulator/v1/tokens', control('/tokens'), (ids) =>
    fc.record(
      { type: fc.constantFrom(...IDENTITY_TYPES), id: fc.oneof(fc.uuid(), fc.constant(ids.memberId)) },
      { requiredKeys: ['type'] },
    ),
  ),
  post('POST /_emulator/v1/faults', control('/faults'), () =>
    fc.record(
      {
        method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
        path: fc.constantFrom('/inbox/v2/messages', '/inbox/v2/*', '/members/v1/members/my', '/crm/inbox/v2/*'),
        status: fc.integer({ min: 400, max: 599 }),
        count: fc.integer({ min: 1, max: 10 }),
      },
      { requiredKeys: ['method', 'path', 'status'] },
    ),
  ),
  post('POST /_emulator/v1/chat/channels', control('/chat/channels'), visitorOrMember),
  post('POST /_emulator/v1/chat/messages', control('/chat/messages'), (ids) =>
    fc.record(
      {
        channelId: fc.oneof({ weight: 4, arbitrary: fc.constant(ids.channelId) }, { weight: 1, arbitrary: fc.uuid() }),
        text,
        direction: fc.constantFrom('VisitorToBusiness', 'BusinessToVisitor'),
        metadata: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })),
      },
      { requiredKeys: ['channelId', 'text', 'direction'] },
    ),
  ),
  post('POST /_emulator/v1/blog/likes', control('/blog/likes'), (ids) =>
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 100 }), visitorOrMember(ids))
      .map(([postId, liker]) => ({ postId, ...liker })),
  ),
  post('POST /_emulator/v1/secrets', control('/secrets'), () => fc.record({ name: text, value: text })),
  post('POST /_emulator/v1/forms/submissions', control('/forms/submissions'), (ids) =>
    fc.record(
      {
        formId: fc.oneof(fc.constant(FORM_ID), fc.uuid()),
        namespace: text,
        submissions: fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
        submitter: fc.oneof(
          fc.record({ memberId: fc.oneof(fc.constant(ids.memberId), fc.uuid()) }),
          fc.record({ visitorId: fc.uuid() }),
        ),
        status: fc.constantFrom(...SUBMISSION_STATUSES),
      },
      { requiredKeys: ['formId', 'submissions', 'submitter'] },
    ),
  ),
  post(
    'POST /_emulator/v1/forms/submissions/{id}/status',
    (ids) => [...control(`/forms/submissions/${ids.submissionId}/status`), ...control('/forms/submissions/x/status')],
    () => fc.record({ status: fc.constantFrom(...SUBMISSION_STATUSES) }),
  ),
  post('POST /_emulator/v1/forms/legacy-submissions', control('/forms/legacy-submissions'), (ids) =>
    fc
      .tuple(
        fc.record(
          {
            formName: text,
            submissionData: some(fc.record({ fieldName: text, fieldValue: fc.string({ maxLength: 40 }) })),
            attachments: some(
              fc.record({ name: text, type: fc.constantFrom('UNDEFINED', 'DOCUMENT', 'IMAGE', 'VIDEO'), url: text }),
            ),
          },
          { requiredKeys: ['formName', 'submissionData'] },
        ),
        fc.oneof(fc.record({ contactId: fc.oneof(fc.constant(ids.contactId), fc.uuid()) }), fc.record({ email })),
      )
      .map(([form, contact]) => ({ ...form, ...contact })),
  ),
];

/** The token an API request is sent with: mostly the target's caller, sometimes another or none. */
const authFor = (def: EmulatorTargetDef): fc.Arbitrary<Auth | undefined> =>
  def.api
    ? fc.oneof(
        { weight: 16, arbitrary: fc.constant(def.as ?? 'app') },
        { weight: 1, arbitrary: fc.constantFrom(...AUTHS) },
      )
    : fc.constant(undefined);

interface WixErrorBody {
  details?: {
    validationError?: { fieldViolations?: { field?: unknown; description?: unknown }[] };
    applicationError?: { code?: unknown; description?: unknown };
  };
}

/** Status, writes and reason of one emulator answer. */
async function observeWixAnswer(response: Response, stored: number): Promise<Observation> {
  const text = await response.text();
  const details = (parseJson(text) as WixErrorBody | undefined)?.details;
  const violations = details?.validationError?.fieldViolations;
  const hasFieldReason =
    Array.isArray(violations) &&
    violations.length > 0 &&
    violations.every((v) => nonEmpty(v?.field) && nonEmpty(v?.description));
  const application = details?.applicationError;
  const code = nonEmpty(application?.code) && nonEmpty(application?.description) ? String(application!.code) : '';
  const observation: Observation = { status: response.status, stored, hasFieldReason, ...(code ? { code } : {}) };
  return brokenInvariants(observation).length > 0 ? { ...observation, detail: shorten(text) } : observation;
}

/** A target for one emulator endpoint, on its own fresh emulator (faults it registers stay there). */
export async function emulatorTarget(def: EmulatorTargetDef) {
  const fixture = await emulatorFixture();
  const target: FuzzTarget<HttpInput> = {
    name: def.name,
    arbitrary: fc
      .tuple(def.input(fixture.ids), authFor(def))
      .map(([input, auth]) => (auth ? { ...input, auth } : input)),
    async run(input) {
      const before = fixture.writes();
      try {
        const response = await fixture.send(def.method, input);
        return await observeWixAnswer(response, fixture.writes() - before);
      } catch (error) {
        return { status: 500, stored: fixture.writes() - before, hasFieldReason: false, detail: String(error) };
      }
    },
  };
  return { ...target, ids: fixture.ids, close: fixture.close };
}
