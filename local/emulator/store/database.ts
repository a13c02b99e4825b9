import Database from 'better-sqlite3';

export type Db = Database.Database;

/**
 * The emulator's schema. Every table is emptied by `resetDatabase`; nothing is kept in memory that
 * a restart would lose, except the request log and pending faults (test aids, see `state.ts`).
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS tokens (
  token TEXT PRIMARY KEY,
  identity_type TEXT NOT NULL,
  identity_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS contacts (
  id TEXT PRIMARY KEY,
  email TEXT UNIQUE,
  first_name TEXT,
  last_name TEXT,
  member_id TEXT,
  revision INTEGER NOT NULL DEFAULT 1,
  created_date TEXT NOT NULL,
  updated_date TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS members (
  id TEXT PRIMARY KEY,
  contact_id TEXT NOT NULL UNIQUE,
  login_email TEXT NOT NULL UNIQUE,
  nickname TEXT NOT NULL,
  slug TEXT NOT NULL,
  created_date TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS conversations (
  id TEXT PRIMARY KEY,
  participant_key TEXT NOT NULL UNIQUE,
  anonymous_visitor_id TEXT,
  member_id TEXT,
  contact_id TEXT,
  created_at INTEGER NOT NULL,
  -- Microseconds of the latest message (created_at * 1000 until one is sent): the console's order, kept
  -- here so a page is read from an index rather than computed over every conversation.
  activity INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS conversations_by_activity ON conversations(activity, id);
CREATE TABLE IF NOT EXISTS messages (
  sequence INTEGER PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id),
  visibility TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_by_conversation ON messages(conversation_id, sequence);
-- ListMessages with BUSINESS_AND_PARTICIPANT visibility: a page is read off this index, however many
-- business-only messages the conversation also holds.
CREATE INDEX IF NOT EXISTS messages_by_visibility ON messages(conversation_id, visibility, sequence);
-- seq is the rowid, without AUTOINCREMENT: rows are deleted only all at once (reset), so a new row's
-- seq is always above every seq handed out since, and no sqlite_sequence row is written per event.
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  ordering_key TEXT,
  -- For an event about a stored message, its sequence; the payload then leaves out data.message, which
  -- is read back from the messages table (events/outbox.ts), so a send writes the message's JSON once.
  message_seq INTEGER,
  payload TEXT NOT NULL,
  -- 1 for a repeat of an earlier event (same id), queued by the control API to test dedupe
  redelivery INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS data_items (
  collection TEXT NOT NULL,
  id TEXT NOT NULL,
  data TEXT NOT NULL,
  created_date TEXT NOT NULL,
  PRIMARY KEY (collection, id)
);
CREATE TABLE IF NOT EXISTS secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS chat_channels (
  id TEXT PRIMARY KEY,
  visitor_type TEXT NOT NULL,
  visitor_id TEXT NOT NULL,
  created_date TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS chat_messages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  channel_id TEXT NOT NULL REFERENCES chat_channels(id),
  direction TEXT NOT NULL,
  text TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  metadata TEXT,
  created_date TEXT NOT NULL
);
-- Wix Forms submissions, as the last event about each carried them: a status change emits the updated one.
CREATE TABLE IF NOT EXISTS form_submissions (
  id TEXT PRIMARY KEY,
  body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS captcha_tokens (
  token TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
);
`;

const TABLES = [
  'tokens',
  'messages',
  'conversations',
  'members',
  'contacts',
  'events',
  'chat_messages',
  'chat_channels',
  'data_items',
  'secrets',
  'captcha_tokens',
  'form_submissions',
];

/** Pages of WAL (4 KiB each) after which a commit checkpoints (see openDatabase). */
const WAL_CHECKPOINT_PAGES = 10_000;

/** Bumped whenever SCHEMA changes in a way `CREATE ... IF NOT EXISTS` cannot apply to an old file. */
const SCHEMA_VERSION = 5;

/**
 * Opens (or creates) the emulator database. `path` is a file path or `:memory:`.
 *
 * WAL with `synchronous = NORMAL`: a committed transaction is in the WAL file before the request is
 * answered, so it survives the process being killed (even `kill -9`); only an OS crash could lose the
 * last commits, which is an acceptable trade for a local emulator (see docs/decisions/0002-storage.md).
 */
export function openDatabase(path: string): Db {
  const db = new Database(path);
  if (path !== ':memory:') {
    // Set first: a second process opening the same new file must wait, not fail, while WAL is set up.
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // Checkpoint (copy the WAL back into the file, with an fsync) every ~40 MB of WAL rather than SQLite's
    // ~4 MB: a send writes about ten pages, so the default paused a request for the fsyncs every ~100
    // sends; fewer, larger checkpoints also copy each often-written page once instead of many times.
    db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
  }
  db.pragma('foreign_keys = ON');
  const version = db.pragma('user_version', { simple: true }) as number;
  const hasTables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
  if (version !== SCHEMA_VERSION && hasTables.n > 0) {
    // Emulator state is disposable: an older layout is dropped rather than migrated.
    console.warn(
      `[emulator] ${path} has storage layout ${version}, this emulator uses ${SCHEMA_VERSION}: starting empty.`,
    );
    db.pragma('foreign_keys = OFF');
    db.transaction(() => {
      for (const table of TABLES) db.exec(`DROP TABLE IF EXISTS ${table}`);
    })();
    db.pragma('foreign_keys = ON');
  }
  db.exec(SCHEMA);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
  return db;
}

/** Empties every table in one transaction. */
export function resetDatabase(db: Db): void {
  db.transaction(() => {
    for (const table of TABLES) db.prepare(`DELETE FROM ${table}`).run();
    db.prepare(`DELETE FROM sqlite_sequence`).run();
  })();
}
