import type { ContactFormInput } from '../contact-form';
import { checkContactForm } from '../contact-form-check';
import type { FieldErrors } from '../validation';
import type { WebResult } from '../web-result';
import { NETWORK_ERROR, rejectionMessage, showFieldErrors, showText, type PageSelector } from './page-elements';

const FIELDS = ['firstName', 'lastName', 'email', 'message'] as const;

export type SubmitContactForm = (form: ContactFormInput) => Promise<WebResult<unknown>>;

/**
 * The reCAPTCHA element's token, once the visitor solved it. A page without the element (the setting
 * is off) has none: reading it must not break the form, whatever `$w` does for a missing id.
 */
function captchaToken($w: PageSelector): string | undefined {
  try {
    return $w('#captcha').token || undefined;
    // Stryker disable next-line BlockStatement: an empty catch returns undefined as well
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

/**
 * Contact page: validates as the visitor submits with the page-side check that gives the same errors as the schema the backend enforces, shows
 * each error beside its field and moves focus to the first, clears an error as soon as its field is
 * corrected, disables the button while sending, and shows every backend error (never swallows one).
 *
 * Elements: #firstName #lastName #email #message #subscribeNewsletter #website (hidden honeypot)
 * #submitButton, #<field>Error for each field, #formError, #successMessage, and #captcha (a reCAPTCHA
 * element, needed when the site turns on `captchaRequired`).
 */
export function initContactPage($w: PageSelector, submit: SubmitContactForm): void {
  showFieldErrors($w, FIELDS, {});
  showText($w('#formError'), '');
  showText($w('#successMessage'), '');
  const button = $w('#submitButton');
  let shown: FieldErrors = {};

  function showErrors(errors: FieldErrors, focusFirst: boolean): void {
    shown = errors;
    showFieldErrors($w, FIELDS, errors, focusFirst);
  }

  // A shown error goes away once its field is right (new mistakes wait for the next submit).
  for (const field of FIELDS) {
    $w(`#${field}`).onInput(() => {
      if (!shown[field]) return;
      const local = checkContactForm(readForm($w));
      if (!local.ok && local.fieldErrors[field]) return;
      const { [field]: _fixed, ...others } = shown;
      showErrors(others, false);
    });
  }

  button.onClick(async () => {
    showText($w('#formError'), '');
    showText($w('#successMessage'), '');
    const form = readForm($w);
    const local = checkContactForm(form);
    showErrors(local.ok ? {} : local.fieldErrors, true);
    if (!local.ok) return;

    void button.disable();
    try {
      const result = await submit(form);
      if (result.ok) {
        for (const field of FIELDS) $w(`#${field}`).value = '';
        $w('#subscribeNewsletter').checked = false;
        showText($w('#successMessage'), 'Thank you! Your message has been sent.');
      } else {
        showErrors(result.error.fieldErrors ?? {}, true);
        showText($w('#formError'), result.error.message);
      }
    } catch (error) {
      // Anyone may call this web method: a refusal is not expected, so any rejection reads as no answer.
      showText($w('#formError'), rejectionMessage(error, NETWORK_ERROR));
    } finally {
      // The token was used up by this submit (or refused): a next submit needs a new challenge.
      if (form.captchaToken) void $w('#captcha').reset?.();
      void button.enable();
    }
  });
}
