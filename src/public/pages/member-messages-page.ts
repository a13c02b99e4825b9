import type { WebResult } from '../web-result';
import { NETWORK_ERROR, showText, type PageSelector } from './page-elements';

export interface ThreadLine {
  fromBusiness: boolean;
  text: string;
  sentAt: string;
}

export interface MemberMessagesApi {
  sendMemberMessage(text: string): Promise<WebResult<unknown>>;
  getMyMessages(): Promise<WebResult<ThreadLine[]>>;
}

function renderThread(lines: ThreadLine[]): string {
  if (lines.length === 0) return 'No messages yet.';
  return [...lines]
    .reverse()
    .map((line) => `${line.fromBusiness ? 'Us' : 'You'}: ${line.text}`)
    .join('\n');
}

/**
 * Member messages page: a logged-in member writes to the business and sees their thread.
 * Elements: #memberMessage #sendButton #memberError #memberSuccess #thread.
 */
export async function initMemberMessagesPage($w: PageSelector, api: MemberMessagesApi): Promise<void> {
  showText($w('#memberError'), '');
  showText($w('#memberSuccess'), '');
  const button = $w('#sendButton');

  async function refreshThread(): Promise<void> {
    try {
      const result = await api.getMyMessages();
      if (result.ok) $w('#thread').text = renderThread(result.value);
      else showText($w('#memberError'), result.error.message);
    } catch {
      showText($w('#memberError'), NETWORK_ERROR);
    }
  }

  button.onClick(async () => {
    showText($w('#memberError'), '');
    showText($w('#memberSuccess'), '');
    const text = $w('#memberMessage').value;
    if (text.trim() === '') {
      showText($w('#memberError'), 'Please write a message first.');
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
    } catch {
      showText($w('#memberError'), NETWORK_ERROR);
    } finally {
      void button.enable();
    }
  });

  await refreshThread();
}
