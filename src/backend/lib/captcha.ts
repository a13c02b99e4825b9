import wixCaptchaBackend from 'wix-captcha-backend';
import { callWix, wixStatus } from './retry';
import { SiteError } from './site-error';

export const CAPTCHA_FIELD = 'captchaToken';

/**
 * Authorizes the token of the page's reCAPTCHA element, before any other call the submission makes.
 * Missing, invalid, timed-out or already used tokens (Wix answers 400) are a field error on
 * `captchaToken`, so the page resets its captcha and asks again. A token is good once, so the call
 * is never repeated after an ambiguous failure ('send' policy in retry.ts).
 */
export async function requireCaptcha(token: string | undefined): Promise<void> {
  if (!token) throw captchaRefused('Please complete the captcha.');
  try {
    await callWix('wix-captcha-backend authorize', 'send', () => wixCaptchaBackend.authorize(token));
  } catch (error) {
    if (wixStatus(error) === 400) throw captchaRefused('The captcha has expired or is not valid. Please do it again.');
    throw error;
  }
}

function captchaRefused(message: string): SiteError {
  return new SiteError('INVALID_INPUT', message, { [CAPTCHA_FIELD]: message });
}
