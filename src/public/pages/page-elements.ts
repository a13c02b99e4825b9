/**
 * The part of Velo's `$w` API the page controllers use. Controllers take `$w` as a parameter, so tests
 * pass a fake and the local playground passes one backed by the DOM.
 */
export interface PageElement {
  value: string;
  checked: boolean;
  text: string;
  label: string;
  onClick(handler: () => void | Promise<void>): void;
  show(): Promise<void> | void;
  hide(): Promise<void> | void;
  enable(): Promise<void> | void;
  disable(): Promise<void> | void;
  /** reCAPTCHA element (`$w.Captcha`): the token once the visitor solved the challenge. */
  token?: string | undefined;
  /** reCAPTCHA element: clears the challenge (a token is good for one authorization). */
  reset?(): Promise<void> | void;
}

export type PageSelector = (selector: string) => PageElement;

/** Shown when a web-method call itself fails (no answer, or refused), as opposed to an error it returns. */
export const NETWORK_ERROR = 'We could not reach the site. Check your connection and try again.';

/** Shows `text` in an error or status element, or hides it when `text` is empty. */
export function showText(element: PageElement, text: string | undefined): void {
  if (text) {
    element.text = text;
    void element.show();
  } else {
    element.text = '';
    void element.hide();
  }
}
