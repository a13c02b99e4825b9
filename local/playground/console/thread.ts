import type { InboxApi } from './api';
import { el, showStatus, whileLoading } from './dom';
import { participantKind, participantName } from './participants';
import { renderMessage } from './render-message';
import { coalesced, queue } from './serial';
import type { ConversationSummary, RestMessage } from './types';

interface ThreadOptions {
  api: InboxApi;
  /** The scrolling message log (#thread); its first child is the "Load older" button. */
  thread: HTMLElement;
  loadOlder: HTMLButtonElement;
  title: HTMLElement;
  subtitle: HTMLElement;
  /** Floating "new messages" button, shown when messages arrive while the reader is scrolled up. */
  jump: HTMLButtonElement;
  status: HTMLElement;
  adminId: string;
}

/** Pages read to catch up after a burst; beyond that, the thread restarts from the newest page. */
const CATCH_UP_PAGES = 10;
const NEAR_BOTTOM_PX = 48;

/** Orders message sequences: decimal strings (microseconds) too long for exact JS numbers to be safe. */
function compareSequence(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * One conversation's messages, oldest at the top: the newest page first, older pages on demand. Live
 * refreshes read from the newest message down to the newest one already read, so nothing is loaded
 * twice and nothing in between is missed.
 */
export class ThreadView {
  private conversation: ConversationSummary | undefined;
  /** Bumped when another conversation opens: answers for an older one are dropped. */
  private generation = 0;
  private shown = new Map<string, HTMLElement>();
  /** The newest sequence read from the server (a sent message shown early does not count). */
  private synced: string | undefined;
  private olderCursor: string | undefined;
  private stick = true;
  private unseen = 0;
  private readonly run = queue();
  private readonly resizes: ResizeObserver;

  readonly refresh = coalesced(() => this.run(() => this.catchUp()));

  constructor(private readonly o: ThreadOptions) {
    o.loadOlder.addEventListener('click', () => void this.loadOlder());
    o.jump.addEventListener('click', () => this.scrollToBottom());
    o.thread.addEventListener(
      'scroll',
      () => {
        this.stick = this.nearBottom();
        if (this.stick) this.hideJump();
      },
      { passive: true },
    );
    // Messages change size after layout (images load or fail): keep the newest one in view if the
    // reader was at the bottom.
    this.resizes = new ResizeObserver(() => {
      if (this.stick && !this.nearBottom()) this.scrollToBottom();
    });
    this.showHeader(undefined);
  }

  open(conversation: ConversationSummary): Promise<void> {
    const generation = ++this.generation;
    this.conversation = conversation;
    this.showHeader(conversation);
    this.clear();
    this.placeholder('Loading messages…');
    return this.run(() => this.loadNewest(generation));
  }

  /** Resolves once everything asked of the thread so far (opening, loading, refreshing) is done. */
  settled(): Promise<void> {
    return this.run(async () => undefined);
  }

  /** New summary for the open conversation (name, message count). */
  update(conversation: ConversationSummary): void {
    if (conversation.id !== this.conversation?.id) return;
    this.conversation = conversation;
    this.showHeader(conversation);
  }

  /** A reply just sent: shown at once, then the thread catches up around it. */
  showSent(conversationId: string, message: RestMessage): void {
    if (conversationId !== this.conversation?.id) return;
    this.insert([message]);
    this.placeholder('');
    this.scrollToBottom();
    void this.refresh();
  }

  private loadOlder(): Promise<void> {
    const generation = this.generation;
    return this.run(async () => {
      const conversation = this.conversation;
      const cursor = this.olderCursor;
      if (!conversation || !cursor || generation !== this.generation) return;
      await whileLoading(this.o.loadOlder, async () => {
        try {
          const page = await this.o.api.listMessages(conversation.id, cursor);
          if (generation !== this.generation) return;
          const scroller = this.o.thread;
          const fromBottom = scroller.scrollHeight - scroller.scrollTop;
          this.insert(page.messages);
          scroller.scrollTop = scroller.scrollHeight - fromBottom;
          this.stick = this.nearBottom();
          this.olderCursor = page.pagingMetadata?.cursors?.next;
          this.setStatus('');
        } catch (error) {
          if (generation === this.generation)
            this.setStatus(`Could not load older messages: ${(error as Error).message}`);
        }
      });
      this.o.loadOlder.hidden = !this.olderCursor;
    });
  }

  private async loadNewest(generation: number): Promise<void> {
    const conversation = this.conversation;
    if (!conversation || generation !== this.generation) return;
    let page;
    try {
      page = await this.o.api.listMessages(conversation.id);
    } catch (error) {
      if (generation !== this.generation) return;
      this.placeholder('');
      this.setStatus(`Could not load the messages: ${(error as Error).message}`);
      return;
    }
    if (generation !== this.generation) return;
    this.clear();
    this.insert(page.messages);
    this.synced = page.messages[0]?.sequence;
    this.olderCursor = page.pagingMetadata?.cursors?.next;
    this.o.loadOlder.hidden = !this.olderCursor;
    this.placeholder(page.messages.length === 0 ? 'No messages in this conversation yet.' : '');
    this.scrollToBottom();
  }

  private async catchUp(): Promise<void> {
    const conversation = this.conversation;
    const generation = this.generation;
    if (!conversation) return;
    if (this.synced === undefined) return this.loadNewest(generation);
    const synced = this.synced;
    const fresh: RestMessage[] = [];
    let cursor: string | undefined;
    let reachedKnown = false;
    try {
      for (let pages = 0; pages < CATCH_UP_PAGES && !reachedKnown; pages++) {
        const page = await this.o.api.listMessages(conversation.id, cursor);
        if (generation !== this.generation) return;
        for (const message of page.messages) {
          if (compareSequence(message.sequence, synced) <= 0) {
            reachedKnown = true;
            break;
          }
          fresh.push(message);
        }
        cursor = page.pagingMetadata?.cursors?.next;
        if (!cursor) reachedKnown = true;
      }
    } catch (error) {
      if (generation === this.generation) this.setStatus(`Could not refresh the messages: ${(error as Error).message}`);
      return;
    }
    // More new messages than it is worth reading one by one: start again from the newest page.
    if (!reachedKnown) return this.loadNewest(generation);
    this.setStatus('');
    if (fresh.length === 0) return;
    const atBottom = this.nearBottom();
    const added = this.insert(fresh);
    this.synced = fresh[0]!.sequence;
    this.placeholder('');
    if (atBottom) this.scrollToBottom();
    else if (added > 0) this.showJump(added);
  }

  /** Adds the messages not shown yet, each at its place by sequence. Returns how many were added. */
  private insert(messages: RestMessage[]): number {
    const people = {
      participantName: this.conversation ? participantName(this.conversation) : '',
      adminId: this.o.adminId,
    };
    const ascending = messages
      .filter((m) => !this.shown.has(m.id))
      .sort((a, b) => compareSequence(a.sequence, b.sequence));
    const scroller = this.o.thread;
    for (const message of ascending) {
      const element = renderMessage(message, people);
      this.shown.set(message.id, element);
      this.resizes.observe(element);
      // Walk back from the newest shown message to the first one older than this.
      let before: Element | null = null;
      let cursor = scroller.lastElementChild;
      while (cursor && cursor !== this.o.loadOlder) {
        const sequence = (cursor as HTMLElement).dataset.sequence;
        if (sequence !== undefined && compareSequence(sequence, message.sequence) < 0) break;
        if (sequence !== undefined) before = cursor;
        cursor = cursor.previousElementSibling;
      }
      scroller.insertBefore(element, before ?? this.placeholderElement());
    }
    return ascending.length;
  }

  private clear(): void {
    this.resizes.disconnect();
    for (const element of this.shown.values()) element.remove();
    this.shown.clear();
    this.synced = undefined;
    this.olderCursor = undefined;
    this.o.loadOlder.hidden = true;
    this.stick = true;
    this.hideJump();
    this.setStatus('');
  }

  private placeholderElement(): HTMLElement | null {
    return this.o.thread.querySelector<HTMLElement>(':scope > .thread__placeholder');
  }

  private placeholder(text: string): void {
    const existing = this.placeholderElement();
    if (!text) return existing?.remove();
    if (existing) existing.textContent = text;
    else this.o.thread.append(el('p', { className: 'thread__placeholder' }, text));
  }

  private showHeader(conversation: ConversationSummary | undefined): void {
    if (!conversation) {
      this.o.title.textContent = 'No conversation selected';
      this.o.subtitle.replaceChildren();
      return;
    }
    const count = conversation.messageCount;
    this.o.title.textContent = participantName(conversation);
    this.o.subtitle.replaceChildren(
      el('span', { data: { testid: 'participant-kind' } }, participantKind(conversation.participant)),
      ...(conversation.participantEmail
        ? [el('span', { data: { testid: 'participant-email' } }, conversation.participantEmail)]
        : []),
      el('span', {}, `${count} message${count === 1 ? '' : 's'}`),
      el('code', { attrs: { title: 'Conversation id' } }, conversation.id),
    );
  }

  private nearBottom(): boolean {
    const s = this.o.thread;
    return s.scrollHeight - s.scrollTop - s.clientHeight < NEAR_BOTTOM_PX;
  }

  private scrollToBottom(): void {
    this.o.thread.scrollTop = this.o.thread.scrollHeight;
    this.stick = true;
    this.hideJump();
  }

  private showJump(added: number): void {
    this.unseen += added;
    this.o.jump.textContent = `${this.unseen} new message${this.unseen === 1 ? '' : 's'} ↓`;
    this.o.jump.hidden = false;
  }

  private hideJump(): void {
    this.unseen = 0;
    this.o.jump.hidden = true;
  }

  /** The thread's status line only ever reports errors. */
  private setStatus(text: string): void {
    showStatus(this.o.status, text, true);
  }
}
