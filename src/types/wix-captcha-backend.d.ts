/**
 * Types for the Velo module `wix-captcha-backend` (no `@wix/...` SDK package for it is published on
 * npm). Shapes from the Velo reference: `authorize(token)` resolves to a success report, and rejects
 * when the token is missing, invalid or timed out (400), or the service fails (401/500/503).
 */
declare module 'wix-captcha-backend' {
  export interface SuccessReport {
    success: true;
  }

  /** Authorizes a token the page's reCAPTCHA element generated. */
  export function authorize(token: string): Promise<SuccessReport>;

  const wixCaptchaBackend: { authorize: typeof authorize };
  export default wixCaptchaBackend;
}
