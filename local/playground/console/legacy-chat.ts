import type { ChatChannelSummary } from '../chat-channels';
import { listChatChannels } from './api';
import { el, showStatus } from './dom';
import { rowAvatar, rowHeading } from './row-heading';
import { coalesced } from './serial';
import { timeElement } from './time';

interface LegacyChatOptions {
  list: HTMLElement;
  status: HTMLElement;
}

/**
 * Legacy Wix Chat channels (wix-chat-backend), read-only, in their own section under the Inbox list:
 * one disclosure per channel, marked "Legacy chat", that opens to show its newest messages. Its own
 * section keeps the Inbox list's keyset paging untouched. A channel stays open across live refreshes.
 */
export class LegacyChatList {
  private readonly opened = new Set<string>();
  readonly refresh = coalesced(() => this.refreshNow());

  constructor(private readonly options: LegacyChatOptions) {
    options.list.addEventListener('toggle', (event) => this.remember(event.target as HTMLElement), true);
  }

  private remember(target: HTMLElement): void {
    if (!(target instanceof HTMLDetailsElement)) return;
    const id = target.dataset.channelId;
    if (!id) return;
    if (target.open) this.opened.add(id);
    else this.opened.delete(id);
  }

  private async refreshNow(): Promise<void> {
    let channels: ChatChannelSummary[];
    try {
      channels = await listChatChannels();
    } catch (error) {
      showStatus(this.options.status, `Could not load legacy chat channels: ${(error as Error).message}`, true);
      return;
    }
    this.options.list.replaceChildren(...channels.map((channel) => this.channelItem(channel)));
    showStatus(this.options.status, channels.length === 0 ? 'No legacy chat channels.' : '');
  }

  private channelItem(channel: ChatChannelSummary): HTMLLIElement {
    const newest = channel.messages.at(-1);
    const details = el(
      'details',
      { className: 'chat-channel', data: { channelId: channel.id } },
      el(
        'summary',
        { className: 'chat-channel__summary' },
        rowAvatar(channel.visitorName),
        el(
          'span',
          { className: 'conversation__main' },
          ...rowHeading(
            channel.visitorName,
            el('span', { className: 'kind-mark', data: { testid: 'legacy-chat' } }, 'Legacy chat'),
            newest?.createdAt,
            channel.visitorEmail,
          ),
          el(
            'span',
            { className: 'conversation__preview' },
            newest ? newest.text : 'No messages yet',
            ` · ${channel.messageCount} message${channel.messageCount === 1 ? '' : 's'}`,
          ),
        ),
      ),
      el(
        'ol',
        { className: 'chat-channel__messages', attrs: { 'aria-label': `Legacy chat with ${channel.visitorName}` } },
        ...channel.messages.map((message) =>
          el(
            'li',
            {
              className: `chat-message chat-message--${message.direction === 'VisitorToBusiness' ? 'in' : 'out'}`,
              data: { testid: 'chat-message' },
            },
            el(
              'span',
              { className: 'chat-message__meta' },
              message.direction === 'VisitorToBusiness' ? channel.visitorName : 'Business',
              ' · ',
              timeElement(message.createdAt, 'message'),
            ),
            el('span', { className: 'chat-message__text' }, message.text),
          ),
        ),
      ),
    );
    details.open = this.opened.has(channel.id);
    return el('li', { className: 'conversation conversation--chat', data: { testid: 'chat-channel' } }, details);
  }
}
