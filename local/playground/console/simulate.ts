import { el } from './dom';

interface SimulateOptions {
  like: HTMLButtonElement;
  chat: HTMLButtonElement;
  form: HTMLButtonElement;
  status: HTMLElement;
  /** The member the simulated like and form submission come from. */
  memberId: string;
}

/** POSTs to the emulator's control API; resolves with the JSON answer, rejects with its message. */
async function control<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`/_emulator/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json().catch(() => ({}))) as { message?: string };
  if (!response.ok) throw new Error(answer.message ?? `${path} answered ${response.status}`);
  return answer as T;
}

/**
 * Buttons that make the things the site reacts to happen, as Wix would: a blog post like, a visitor's
 * message in the legacy chat, a Wix Forms submission. Each goes through the emulator's control API,
 * so the events and messages that follow are the real ones.
 */
export function wireSimulations(o: SimulateOptions): void {
  let chatChannel: Promise<string> | undefined;
  let chats = 0;
  let likes = 0;

  const run = (button: HTMLButtonElement, what: string, action: () => Promise<unknown>) => {
    button.addEventListener('click', () => {
      button.disabled = true;
      o.status.replaceChildren();
      action()
        .then(() => o.status.replaceChildren(el('span', { className: 'simulate__ok' }, `${what}: sent.`)))
        .catch((error: unknown) =>
          o.status.replaceChildren(el('span', { className: 'simulate__bad' }, `${what}: ${(error as Error).message}`)),
        )
        .finally(() => {
          button.disabled = false;
        });
    });
  };

  run(o.like, 'Blog like', () =>
    // A new post each time: a member likes a post only once.
    control('/blog/likes', { postId: `spring-collection-${Date.now().toString(36)}-${++likes}`, memberId: o.memberId }),
  );
  run(o.chat, 'Visitor chat message', async () => {
    chatChannel ??= control<{ channel: { id: string } }>('/chat/channels', {
      anonymousVisitorId: crypto.randomUUID(),
    }).then((answer) => answer.channel.id);
    const channelId = await chatChannel.catch((error: unknown) => {
      chatChannel = undefined;
      throw error;
    });
    await control('/chat/messages', {
      channelId,
      text: `Hi! Do you have this in blue? (chat message ${++chats})`,
      direction: 'VisitorToBusiness',
    });
  });
  run(o.form, 'Wix Forms submission', () =>
    control('/forms/submissions', {
      formId: '8f4a2c3e-1b6d-4e9a-9c7f-2d5e8a1b3c4f',
      namespace: 'wix.form_app.form',
      formName: 'Booking request',
      submissions: { first_name: 'Ann', email: 'ann@example.com', message: 'Can I book for Saturday?' },
      submitter: { memberId: o.memberId },
    }),
  );
}
