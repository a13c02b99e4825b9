import type { ThreadItem } from '../thread-item';
import type { WebResult } from '../web-result';
import { rejectionMessage, repeater, showText, type PageSelector } from './page-elements';

export interface MemberMessagesApi {
  sendMemberMessage(text: string): Promise<WebResult<unknown>>;
  getMyMessages(): Promise<WebResult<ThreadItem[]>>;
}

/** What a visitor whose call Velo refuses (not logged in) is told to do. */
export const LOGIN_TO_SEE_MESSAGES = 'Log in to see your messages and write to us.';

/** Link buttons each repeated item has (`#messageLink1`…); further links are listed in the text. */
const LINK_BUTTONS = 3;
/** How often the thread is read again, so that the business's replies appear without a reload. */
export const THREAD_POLL_MS = 10_000;

function formatTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Fills one repeated item with one message: every content type, hiding what the message lacks. */
function renderItem($item: PageSelector, message: ThreadItem): void {
  $item('#messageSender').text = message.fromBusiness ? 'Us' : 'You';
  $item('#messageTime').text = formatTime(message.sentAt);
  showText($item('#messageTitle'), message.title);
  const extraLinks = message.links.slice(LINK_BUTTONS).map((link) => `${link.label}: ${link.url}`);
  showText($item('#messageText'), [message.text, ...extraLinks].filter(Boolean).join('\n'));
  const image = $item('#messageImage');
  if (message.imageUrl) {
    image.src = message.imageUrl;
    image.alt = message.title ?? 'Image from the message';
    void image.show();
  } else {
    void image.hide();
  }
  for (let n = 1; n <= LINK_BUTTONS; n++) {
    const button = $item(`#messageLink${n}`);
    const link = message.links[n - 1];
    if (link) {
      button.label = link.label;
      button.link = link.url;
      button.target = '_blank';
      void button.show();
    } else {
      void button.hide();
    }
  }
  showText($item('#messageActions'), message.actions.length > 0 ? `Options: ${message.actions.join(' · ')}` : '');
}

/**
 * Member messages page: a logged-in member writes to the business and sees their thread, one repeater
 * item per message (oldest first), read again after sending and every `pollMs` (0: never).
 *
 * Elements: #memberMessage #sendButton #memberError #memberSuccess #threadEmpty, and the repeater
 * #thread whose items hold #messageSender #messageTime #messageTitle #messageText #messageImage
 * #messageLink1…3 #messageActions.
 */
export async function initMemberMessagesPage(
  $w: PageSelector,
  api: MemberMessagesApi,
  options: { pollMs?: number } = {},
): Promise<{ refresh(): Promise<void>; stop(): void }> {
  showText($w('#memberError'), '');
  showText($w('#memberSuccess'), '');
  const button = $w('#sendButton');
  const thread = repeater<ThreadItem>($w, '#thread');
  thread.onItemReady(renderItem);

  async function refreshThread(): Promise<void> {
    try {
      const result = await api.getMyMessages();
      if (!result.ok) {
        showText($w('#memberError'), result.error.message);
        return;
      }
      const messages = [...result.value].reverse();
      // Items whose id stays are kept as they are; only new messages run onItemReady.
      thread.data = messages;
      showText($w('#threadEmpty'), messages.length === 0 ? 'No messages yet.' : '');
    } catch (error) {
      showText($w('#memberError'), rejectionMessage(error, LOGIN_TO_SEE_MESSAGES));
    }
  }

  button.onClick(async () => {
    showText($w('#memberError'), '');
    showText($w('#memberSuccess'), '');
    const text = $w('#memberMessage').value;
    if (text.trim() === '') {
      showText($w('#memberError'), 'Please write a message first.');
      $w('#memberMessage').focus();
      return;
    }
    void button.disable();
    try {
      const result = await api.sendMemberMessage(text);
      if (result.ok) {
        $w('#memberMessage').value = '';
        showText($w('#memberSuccess'), 'Message sent.');
        await refreshThread();
      } else {
        showText($w('#memberError'), result.error.fieldErrors?.message ?? result.error.message);
      }
    } catch (error) {
      showText($w('#memberError'), rejectionMessage(error, LOGIN_TO_SEE_MESSAGES));
    } finally {
      void button.enable();
    }
  });

  await refreshThread();
  const pollMs = options.pollMs ?? THREAD_POLL_MS;
  const timer = pollMs > 0 ? setInterval(() => void refreshThread(), pollMs) : undefined;
  return { refresh: refreshThread, stop: () => clearInterval(timer) };
}
