import { validateContactForm, type ContactFormInput } from '../contact-form';
import type { FieldErrors } from '../validation';
import type { WebResult } from '../web-result';
import { NETWORK_ERROR, showText, type PageSelector } from './page-elements';

const FIELDS = ['firstName', 'lastName', 'email', 'message'] as const;

export type SubmitContactForm = (form: ContactFormInput) => Promise<WebResult<unknown>>;

/**
 * The reCAPTCHA element's token, once the visitor solved it. A page without the element (the setting
 * is off) has none: reading it must not break the form, whatever `$w` does for a missing id.
 */
function captchaToken($w: PageSelector): string | undefined {
  try {
    return $w('#captcha').token || undefined;
  } catch {
    return undefined;
  }
}

function readForm($w: PageSelector): ContactFormInput {
  const token = captchaToken($w);
  return {
    ...(token ? { captchaToken: token } : {}),
    firstName: $w('#firstName').value,
    lastName: $w('#lastName').value,
    email: $w('#email').value,
    message: $w('#message').value,
    subscribeNewsletter: $w('#subscribeNewsletter').checked,
    website: $w('#website').value,
  };
}

function showFieldErrors($w: PageSelector, errors: FieldErrors): void {
  for (const field of FIELDS) showText($w(`#${field}Error`), errors[field]);
}

/**
 * Contact page: validates as the visitor types-and-submits with the same schema the backend enforces,
 * disables the button while sending, and shows every backend error (never swallows one).
 *
 * Elements: #firstName #lastName #email #message #subscribeNewsletter #website (hidden honeypot)
 * #submitButton, #<field>Error for each field, #formError, #successMessage, and #captcha (a reCAPTCHA
 * element, needed when the site turns on `captchaRequired`).
 */
export function initContactPage($w: PageSelector, submit: SubmitContactForm): void {
  showFieldErrors($w, {});
  showText($w('#formError'), '');
  showText($w('#successMessage'), '');
  const button = $w('#submitButton');

  button.onClick(async () => {
    showText($w('#formError'), '');
    showText($w('#successMessage'), '');
    const form = readForm($w);
    const local = validateContactForm(form);
    showFieldErrors($w, local.ok ? {} : local.fieldErrors);
    if (!local.ok) return;

    void button.disable();
    try {
      const result = await submit(form);
      if (result.ok) {
        for (const field of FIELDS) $w(`#${field}`).value = '';
        showText($w('#successMessage'), 'Thank you! Your message has been sent.');
      } else {
        showFieldErrors($w, result.error.fieldErrors ?? {});
        showText($w('#formError'), result.error.message);
      }
    } catch {
      showText($w('#formError'), NETWORK_ERROR);
    } finally {
      // The token was used up by this submit (or refused): a next submit needs a new challenge.
      if (form.captchaToken) void $w('#captcha').reset?.();
      void button.enable();
    }
  });
}
