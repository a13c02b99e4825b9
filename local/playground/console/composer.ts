import type { MessageContent } from '../../../src/public/message-content';
import { parseButtons } from '../../../src/public/pages/admin-console-page';
import { ApiError } from './api';
import { el } from './dom';
import type { RestMessage } from './types';

interface ComposerOptions {
  form: HTMLFormElement;
  kind: HTMLSelectElement;
  basicPanel: HTMLElement;
  templatePanel: HTMLElement;
  text: HTMLTextAreaElement;
  templateTitle: HTMLInputElement;
  templateLines: HTMLTextAreaElement;
  templateImage: HTMLInputElement;
  templateButtons: HTMLTextAreaElement;
  send: HTMLButtonElement;
  error: HTMLElement;
  sendReply: (conversationId: string, content: MessageContent) => Promise<RestMessage>;
  onSent: (conversationId: string, message: RestMessage) => void;
}

type Kind = 'basic' | 'template';

/**
 * The business's reply box: a basic text message or a template. What Wix refuses is shown as it says
 * it (each field and what is wrong with it); the fields are cleared only once the message is sent.
 */
export class Composer {
  private conversationId: string | undefined;
  private sending = false;
  /** Unsent reply text per conversation, so a draft never follows you to another person. */
  private readonly drafts = new Map<string, string>();

  constructor(private readonly o: ComposerOptions) {
    o.kind.addEventListener('change', () => this.showKind());
    o.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
    // Ctrl+Enter / ⌘+Enter sends from any field.
    o.form.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        void this.submit();
      }
    });
    this.showKind();
    this.update();
  }

  setConversation(conversationId: string | undefined): void {
    if (conversationId === this.conversationId) return;
    if (this.conversationId !== undefined) this.drafts.set(this.conversationId, this.o.text.value);
    this.o.text.value = (conversationId && this.drafts.get(conversationId)) || '';
    this.conversationId = conversationId;
    this.showError(undefined);
    this.update();
  }

  private get kind(): Kind {
    return this.o.kind.value === 'template' ? 'template' : 'basic';
  }

  private showKind(): void {
    this.o.basicPanel.hidden = this.kind !== 'basic';
    this.o.templatePanel.hidden = this.kind !== 'template';
    this.showError(undefined);
  }

  /**
   * The fields as message content, sent as written (empty title and image left out) so that Wix's own
   * validation explains what is wrong. Buttons are read as the admin console page reads them.
   */
  private content(): MessageContent {
    if (this.kind === 'basic') return { basic: { items: [{ text: this.o.text.value }] } };
    const title = this.o.templateTitle.value.trim();
    const imageUrl = this.o.templateImage.value.trim();
    return {
      template: {
        ...(title ? { title } : {}),
        ...(imageUrl ? { imageUrl } : {}),
        textLines: this.o.templateLines.value
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
        buttons: parseButtons(this.o.templateButtons.value)!.map((button) =>
          'interactionId' in button
            ? { label: button.label, postbackProperties: { interactionId: button.interactionId.trim() } }
            : button,
        ),
      },
    };
  }

  /** Why the fields cannot be sent as they are (nothing written), or undefined. */
  private missingContent(): string | undefined {
    if (this.kind === 'basic') return this.o.text.value.trim() ? undefined : 'Write a message first.';
    const fields = [this.o.templateTitle, this.o.templateLines, this.o.templateButtons];
    return fields.some((field) => field.value.trim())
      ? undefined
      : 'Add a title, a text line or a button to the template first.';
  }

  private clearFields(): void {
    if (this.kind === 'basic') {
      this.o.text.value = '';
      this.o.text.focus();
      return;
    }
    for (const field of [this.o.templateTitle, this.o.templateLines, this.o.templateImage, this.o.templateButtons]) {
      field.value = '';
    }
    this.o.templateTitle.focus();
  }

  private async submit(): Promise<void> {
    const conversationId = this.conversationId;
    if (!conversationId || this.sending) return;
    const missing = this.missingContent();
    if (missing) {
      this.showError(new Error(missing));
      (this.kind === 'basic' ? this.o.text : this.o.templateTitle).focus();
      return;
    }
    this.sending = true;
    this.update();
    this.showError(undefined);
    try {
      const message = await this.o.sendReply(conversationId, this.content());
      this.drafts.delete(conversationId);
      if (conversationId === this.conversationId) this.clearFields();
      this.o.onSent(conversationId, message);
    } catch (error) {
      this.showError(error);
    } finally {
      this.sending = false;
      this.update();
    }
  }

  private update(): void {
    const button = this.o.send;
    button.disabled = this.sending || !this.conversationId;
    button.textContent = this.sending ? 'Sending…' : 'Send';
    button.setAttribute('aria-busy', String(this.sending));
    button.title = this.conversationId ? '' : 'Select a conversation first';
  }

  private showError(error: unknown): void {
    const box = this.o.error;
    if (error === undefined) {
      box.replaceChildren();
      box.hidden = true;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    const lines = error instanceof ApiError ? error.lines : [];
    box.replaceChildren(el('p', { className: 'composer-error__message' }, `Not sent: ${message}`));
    if (lines.length > 0) {
      const items = lines.map((line) =>
        el(
          'li',
          { data: { field: line.field } },
          line.field ? el('code', {}, line.field) : null,
          line.field && line.description ? ' ' : null,
          line.description,
        ),
      );
      box.append(el('ul', { className: 'composer-error__fields' }, ...items));
    }
    box.hidden = false;
  }
}
