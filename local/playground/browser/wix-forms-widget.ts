// The header's identity switcher, as on every playground page (this page runs no site page code).
import './page-prelude';
import { currentPersona, loadSession } from './identity';

/**
 * The playground's stand-in for the Wix Forms app's own widget: it reads the form, checks the
 * required fields as Wix Forms does, and submits through the emulator's control route, which emits
 * `wixForms_onSubmissionCreated` to the site's backend like a real submission.
 */
const form = document.querySelector<HTMLFormElement>('#wixForm')!;
const button = document.querySelector<HTMLButtonElement>('#wixFormSubmit')!;
const error = document.querySelector<HTMLElement>('#wixFormError')!;
const success = document.querySelector<HTMLElement>('#wixFormSuccess')!;

/** Field key → value: a checkbox as a boolean, other fields as their text, empty fields left out. */
function submissionsOf(target: HTMLFormElement): Record<string, unknown> {
  const submissions: Record<string, unknown> = {};
  for (const field of target.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('[name]')) {
    if (field instanceof HTMLInputElement && field.type === 'checkbox') submissions[field.name] = field.checked;
    else if (field.value.trim()) submissions[field.name] = field.value.trim();
  }
  return submissions;
}

function show(element: HTMLElement, text?: string): void {
  if (text !== undefined) element.textContent = text;
  element.hidden = false;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void submit();
});

async function submit(): Promise<void> {
  error.hidden = true;
  success.hidden = true;
  if (!form.checkValidity()) {
    show(error, 'Please enter a valid email address.');
    return;
  }
  button.disabled = true;
  try {
    const { identities } = await loadSession();
    const submitter =
      currentPersona() === 'member' ? { memberId: identities.member.id } : { visitorId: identities.visitor.id };
    const response = await fetch('/_emulator/v1/forms/submissions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        formId: form.dataset.formId,
        formName: form.dataset.formName,
        submissions: submissionsOf(form),
        submitter,
      }),
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { message?: string };
      show(error, `The form could not be submitted: ${body.message ?? response.status}`);
      return;
    }
    form.reset();
    show(success);
  } catch {
    show(error, 'The form could not be submitted: the local site is not reachable.');
  } finally {
    button.disabled = false;
  }
}
