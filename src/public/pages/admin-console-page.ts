import type { TemplateInput } from '../message-content';
import type { WebResult } from '../web-result';
import { NETWORK_ERROR, showText, type PageSelector } from './page-elements';

export type SendTemplateMessage = (
  recipient: { memberId: string } | { contactId: string },
  content: TemplateInput,
  options: { sendNotifications: boolean },
) => Promise<WebResult<unknown>>;

/**
 * One button per line: `Label | https://link` opens a link, `Label | postback:action-id` fires a
 * button-interacted event with that interaction id.
 */
export function parseButtons(text: string): TemplateInput['buttons'] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      // Split at the first `|` only: a link may itself contain one.
      const at = line.indexOf('|');
      const label = (at === -1 ? line : line.slice(0, at)).trim();
      const target = at === -1 ? '' : line.slice(at + 1).trim();
      return target.startsWith('postback:')
        ? { label, interactionId: target.slice('postback:'.length) }
        : { label, launchUrl: target };
    });
}

function readTemplate($w: PageSelector): TemplateInput {
  const lines = $w('#templateLines')
    .value.split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const imageUrl = $w('#templateImageUrl').value.trim();
  return {
    title: $w('#templateTitle').value,
    textLines: lines,
    buttons: parseButtons($w('#templateButtons').value),
    ...(imageUrl ? { imageUrl } : {}),
  };
}

/**
 * Admin console page: compose a template message with buttons and send it to a member or contact.
 * Elements: #recipientType (value "member" | "contact") #recipientId #templateTitle #templateLines
 * #templateImageUrl #templateButtons #sendNotifications #sendTemplateButton #adminError #adminSuccess.
 */
export function initAdminConsolePage($w: PageSelector, sendTemplate: SendTemplateMessage): void {
  showText($w('#adminError'), '');
  showText($w('#adminSuccess'), '');
  const button = $w('#sendTemplateButton');

  button.onClick(async () => {
    showText($w('#adminError'), '');
    showText($w('#adminSuccess'), '');
    const id = $w('#recipientId').value.trim();
    const recipient = $w('#recipientType').value === 'contact' ? { contactId: id } : { memberId: id };
    void button.disable();
    try {
      const result = await sendTemplate(recipient, readTemplate($w), {
        sendNotifications: $w('#sendNotifications').checked,
      });
      if (result.ok) {
        showText($w('#adminSuccess'), 'Template message sent.');
      } else {
        const details = Object.entries(result.error.fieldErrors ?? {}).map(([field, error]) => `${field}: ${error}`);
        showText($w('#adminError'), [result.error.message, ...details].join('\n'));
      }
    } catch {
      showText($w('#adminError'), NETWORK_ERROR);
    } finally {
      void button.enable();
    }
  });
}
