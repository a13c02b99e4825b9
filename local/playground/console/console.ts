import { InboxApi, loadSession } from './api';
import { Composer } from './composer';
import { ConversationList } from './conversations';
import { EventsLog } from './events-log';
import { LegacyChatList } from './legacy-chat';
import { connectLive } from './live';
import { ThreadView } from './thread';
import { refreshRelativeTimes } from './time';
import { wireSimulations } from './simulate';
import { ReadState } from './unread';

/** The Inbox console: conversations, the open thread with its reply box, and the backend-event log. */

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`console.html has no #${id}`);
  return element as T;
}

function showFatal(text: string): void {
  const banner = byId('console-error');
  banner.textContent = text;
  banner.hidden = false;
}

async function main(): Promise<void> {
  let session;
  try {
    session = await loadSession();
  } catch (error) {
    showFatal(`Could not start the console: ${(error as Error).message}`);
    return;
  }
  const admin = session.identities.admin;
  const layout = byId('layout');
  byId('back-to-list').addEventListener('click', () => {
    layout.dataset.view = 'list';
    document.querySelector<HTMLElement>('.conversation.is-selected button')?.focus();
  });
  const api = new InboxApi(admin.token);

  const thread = new ThreadView({
    api,
    thread: byId('thread'),
    loadOlder: byId('load-older'),
    title: byId('thread-title'),
    subtitle: byId('thread-subtitle'),
    jump: byId('jump-to-latest'),
    status: byId('thread-status'),
    adminId: admin.id,
  });

  const composer = new Composer({
    form: byId('composer'),
    kind: byId('composer-kind'),
    basicPanel: byId('composer-basic'),
    templatePanel: byId('composer-template'),
    text: byId('composer-text'),
    templateTitle: byId('template-title'),
    templateLines: byId('template-lines'),
    templateImage: byId('template-image'),
    templateButtons: byId('template-buttons'),
    send: byId('send-reply'),
    error: byId('composer-error'),
    sendReply: (conversationId, content) => api.sendReply(conversationId, content),
    onSent: (conversationId, message) => thread.showSent(conversationId, message),
  });

  const conversations = new ConversationList({
    list: byId('conversation-list'),
    loadMore: byId('load-more-conversations'),
    status: byId('conversations-status'),
    onSelect: (conversation, byUser) => {
      composer.setConversation(conversation.id);
      void thread.open(conversation);
      // On a phone the thread replaces the list; on wider screens both show and this changes nothing.
      if (byUser) layout.dataset.view = 'thread';
    },
    onSelectedChange: (conversation) => thread.update(conversation),
    adminId: admin.id,
    readState: new ReadState(),
  });

  const legacyChat = new LegacyChatList({ list: byId('legacy-chat-list'), status: byId('legacy-chat-status') });

  const events = new EventsLog({
    list: byId('events-log'),
    status: byId('events-status'),
    showSkipped: byId('show-skipped'),
    hiddenCount: byId('events-hidden'),
    openConversation: (id) => conversations.open(id),
  });
  wireSimulations({
    like: byId('simulate-like'),
    chat: byId('simulate-chat'),
    form: byId('simulate-form'),
    status: byId('simulate-status'),
    memberId: session.identities.member.id,
  });

  // Subscribe first, so that nothing that happens while the first pages load is missed.
  connectLive({
    status: byId('live-status'),
    onChange: (kind) => {
      if (kind === 'messages') {
        void conversations.refresh();
        void legacyChat.refresh();
        void thread.refresh();
      } else {
        void events.refresh();
      }
    },
    onReconnect: () => {
      void conversations.refresh();
      void legacyChat.refresh();
      void thread.refresh();
      void events.refresh();
    },
  });

  await Promise.all([conversations.refresh(), legacyChat.refresh(), events.refresh()]);
  await thread.settled();
  // For browser tests and screenshots: the first pages are on screen.
  document.body.dataset.ready = 'true';
  setInterval(() => refreshRelativeTimes(document), 30_000);
}

void main();
