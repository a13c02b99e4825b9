import { listConversations } from './api';
import { el, reconcile, showStatus, whileLoading } from './dom';
import { businessSender, participantName, SENDER_LABELS } from './participants';
import { previewOf } from './render-message';
import { rowAvatar, rowHeading } from './row-heading';
import { coalesced, queue } from './serial';
import type { ConversationSummary } from './types';
import type { ReadState } from './unread';

interface ConversationListOptions {
  list: HTMLElement;
  loadMore: HTMLButtonElement;
  status: HTMLElement;
  /** A conversation was chosen: by a click (`byUser`), or the first one automatically. */
  onSelect: (conversation: ConversationSummary, byUser: boolean) => void;
  /** The selected conversation's summary changed (new messages, new name). */
  onSelectedChange: (conversation: ConversationSummary) => void;
  /** The site admin the console acts as: their messages preview as "You". */
  adminId: string;
  readState: ReadState;
}

interface Row {
  summary: ConversationSummary;
  element: HTMLLIElement;
  signature: string;
}

const PAGE_SIZE = 50;

/** What a row shows: the row is rebuilt only when this changes. */
const signatureOf = (c: ConversationSummary, read: ReadState) =>
  JSON.stringify([
    c.participantName,
    c.participantEmail,
    c.lastMessage?.id,
    c.previewMessage?.id,
    c.messageCount,
    c.lastMessage?.createdDate,
    read.unread(c),
    read.isNew(c),
  ]);

/**
 * The conversations, newest activity first, one page at a time. A live refresh re-reads only the first
 * page: a conversation with new activity moves to the top, so the first page holds every change, and
 * the cursor of the pages loaded after it stays usable (it can only repeat rows, which are skipped).
 */
export class ConversationList {
  private rows = new Map<string, Row>();
  private order: string[] = [];
  private cursor: string | undefined;
  private pagesLoaded = 0;
  private selectedId: string | undefined;
  private readonly run = queue();

  readonly refresh = coalesced(() => this.run(() => this.refreshNow()));

  constructor(private readonly options: ConversationListOptions) {
    options.loadMore.addEventListener('click', () => void this.loadMore());
    options.list.addEventListener('click', (event) => {
      const item = (event.target as Element).closest<HTMLElement>('[data-conversation-id]');
      const id = item?.dataset.conversationId;
      if (id) this.select(id, true);
    });
  }

  /** Opens a conversation by id, as a click on its row does (when the row is loaded). */
  open(id: string): void {
    this.select(id, true);
  }

  private select(id: string, byUser = false): void {
    const row = this.rows.get(id);
    if (!row) return;
    const changed = id !== this.selectedId;
    this.selectedId = id;
    this.options.readState.markRead(row.summary);
    this.upsert(row.summary);
    for (const r of this.rows.values()) this.markSelected(r);
    if (changed || byUser) this.options.onSelect(row.summary, byUser);
  }

  private loadMore(): Promise<void> {
    return this.run(async () => {
      const cursor = this.cursor;
      if (!cursor) return;
      await whileLoading(this.options.loadMore, async () => {
        try {
          const page = await listConversations(cursor, PAGE_SIZE);
          for (const summary of page.conversations) {
            // A row already shown is as fresh as this one or fresher (live refreshes re-read the top).
            if (this.rows.has(summary.id)) continue;
            this.order.push(summary.id);
            this.upsert(summary);
          }
          this.cursor = page.nextCursor;
          this.pagesLoaded++;
          showStatus(this.options.status, '');
        } catch (error) {
          showStatus(this.options.status, `Could not load more conversations: ${(error as Error).message}`, true);
        }
      });
      this.render();
    });
  }

  private async refreshNow(): Promise<void> {
    let page;
    try {
      page = await listConversations(undefined, PAGE_SIZE);
    } catch (error) {
      showStatus(this.options.status, `Could not load conversations: ${(error as Error).message}`, true);
      return;
    }
    const fresh = page.conversations.map((c) => c.id);
    if (this.pagesLoaded <= 1) {
      // Only the first page is shown: it is replaced, cursor included.
      this.order = fresh;
      this.cursor = page.nextCursor;
      this.pagesLoaded = 1;
    } else {
      const inFresh = new Set(fresh);
      this.order = [...fresh, ...this.order.filter((id) => !inFresh.has(id))];
    }
    for (const summary of page.conversations) this.upsert(summary);
    const kept = new Set(this.order);
    for (const id of Array.from(this.rows.keys())) if (!kept.has(id)) this.rows.delete(id);
    showStatus(
      this.options.status,
      this.order.length === 0 ? 'No conversations yet. Write from the Contact or Member messages page.' : '',
    );
    this.render();
    if (!this.selectedId && this.order[0]) this.select(this.order[0]);
  }

  private upsert(summary: ConversationSummary): void {
    const read = this.options.readState;
    // The open conversation is being read: what arrives in it is not unread.
    if (summary.id === this.selectedId) read.markRead(summary);
    const existing = this.rows.get(summary.id);
    const signature = signatureOf(summary, read);
    if (existing && existing.signature === signature) {
      existing.summary = summary;
      return;
    }
    const element =
      existing?.element ??
      el('li', { className: 'conversation', data: { testid: 'conversation', conversationId: summary.id } });
    element.replaceChildren(this.itemButton(summary));
    element.classList.toggle('is-unread', read.unread(summary) > 0);
    const row = { summary, element, signature };
    this.rows.set(summary.id, row);
    this.markSelected(row);
    if (existing && summary.id === this.selectedId) this.options.onSelectedChange(summary);
  }

  private itemButton(summary: ConversationSummary): HTMLButtonElement {
    const name = participantName(summary);
    const preview = summary.previewMessage;
    const fromBusiness = preview && preview.direction !== 'PARTICIPANT_TO_BUSINESS';
    const sender = fromBusiness ? SENDER_LABELS.short[businessSender(preview, this.options.adminId)] : undefined;
    const unread = this.options.readState.unread(summary);
    const isNew = this.options.readState.isNew(summary);
    return el(
      'button',
      { className: 'conversation__button', attrs: { type: 'button' } },
      rowAvatar(name),
      el(
        'span',
        { className: 'conversation__main' },
        ...rowHeading(
          name,
          isNew ? el('span', { className: 'new-mark', data: { testid: 'new' } }, 'New') : null,
          summary.lastMessage?.createdDate,
          summary.participantEmail,
        ),
        el(
          'span',
          { className: 'conversation__bottom' },
          el(
            'span',
            { className: 'conversation__preview' },
            sender ? el('span', { className: 'conversation__you' }, `${sender}: `) : null,
            previewOf(preview),
          ),
          unread > 0
            ? el(
                'span',
                {
                  className: 'count count--unread',
                  data: { testid: 'unread' },
                  attrs: { title: `${unread} unread message${unread === 1 ? '' : 's'}` },
                },
                String(unread),
              )
            : null,
        ),
      ),
    );
  }

  private markSelected(row: Row): void {
    const selected = row.summary.id === this.selectedId;
    row.element.classList.toggle('is-selected', selected);
    if (selected) row.element.setAttribute('aria-current', 'true');
    else row.element.removeAttribute('aria-current');
  }

  private render(): void {
    const elements = this.order.map((id) => this.rows.get(id)?.element).filter((e): e is HTMLLIElement => !!e);
    reconcile(this.options.list, elements);
    this.options.loadMore.hidden = !this.cursor;
  }
}
