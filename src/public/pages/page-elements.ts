/**
 * The part of Velo's `$w` API the page controllers use. Controllers take `$w` as a parameter, so tests
 * pass a fake and the local playground passes one backed by the DOM.
 */
export interface PageElement {
  value: string;
  checked: boolean;
  text: string;
  label: string;
  /** Image source (Velo Image). */
  src: string;
  /** Image alternative text (Velo Image). */
  alt: string;
  /** Where a button goes when clicked (Velo Button), and in which window (`_blank` or `_self`). */
  link: string;
  target: string;
  onClick(handler: () => void | Promise<void>): void;
  /** Runs on every change a visitor makes to an input's value (Velo TextInput / TextBox `onInput`). */
  onInput(handler: () => void): void;
  /** Velo Dropdown: the choices, each shown as `label`; choosing one makes it the `value`. */
  options: DropdownOption[];
  /** Runs when a visitor commits a new value, e.g. chooses a Dropdown option (Velo `onChange`). */
  onChange(handler: () => void): void;
  focus(): void;
  show(): Promise<void> | void;
  hide(): Promise<void> | void;
  enable(): Promise<void> | void;
  disable(): Promise<void> | void;
  /** reCAPTCHA element (`$w.Captcha`): the token once the visitor solved the challenge. */
  token?: string | undefined;
  /** reCAPTCHA element: clears the challenge (a token is good for one authorization). */
  reset?(): Promise<void> | void;
}

export interface DropdownOption {
  label: string;
  value: string;
}

export type PageSelector = (selector: string) => PageElement;

/** What a repeater holds: any objects, each with a unique `_id` of letters, digits and hyphens. */
export interface RepeaterItem {
  _id: string;
}

export type ItemCallback<T> = ($item: PageSelector, itemData: T, index: number) => void;

/** The part of Velo's Repeater the page controllers use (see the Velo `$w.Repeater` reference). */
export interface RepeaterElement<T extends RepeaterItem> {
  /** Setting it creates an item (and runs `onItemReady`) for each new `_id` and removes the missing ones. */
  data: T[];
  onItemReady(callback: ItemCallback<T>): void;
  onItemRemoved(callback: (itemData: T) => void): void;
  forEachItem(callback: ItemCallback<T>): void;
  forItems(itemIds: string[], callback: ItemCallback<T>): void;
  show(): Promise<void> | void;
  hide(): Promise<void> | void;
}

/** `$w('#id')` as the repeater it is on the page (Velo types it by the element; our `$w` cannot). */
export function repeater<T extends RepeaterItem>($w: PageSelector, selector: string): RepeaterElement<T> {
  return $w(selector) as unknown as RepeaterElement<T>;
}

/** Shown when a web-method call itself fails (no answer), as opposed to an error it returns. */
export const NETWORK_ERROR = 'We could not reach the site. Check your connection and try again.';

/**
 * What to tell the visitor when a web-method call is rejected. Velo rejects the call's promise both
 * when the caller's permission is refused and when the site cannot be reached; a refusal that says
 * so (an error with status 401 or 403, as the local playground's RPC sends it) gets `refusal`, which
 * tells the person what to do; anything else gets the network message.
 */
export function rejectionMessage(error: unknown, refusal: string): string {
  const status = (error as { status?: unknown } | null | undefined)?.status;
  return status === 401 || status === 403 ? refusal : NETWORK_ERROR;
}

/** Shows `text` in an error or status element, or hides it when `text` is empty. */
export function showText(element: PageElement, text: string | undefined): void {
  if (text) {
    element.text = text;
    void element.show();
  } else {
    // Stryker disable next-line StringLiteral: equivalent to users: a hidden element's text is not seen or read out, and it is shown again only here, with its new text
    element.text = '';
    void element.hide();
  }
}

/**
 * Shows each field's error beside it (`#<field>Error`) and hides the others; moves focus to the first
 * field in error when `focusFirst`, so a keyboard or screen-reader user lands on what to fix.
 */
export function showFieldErrors(
  $w: PageSelector,
  fields: readonly string[],
  errors: Record<string, string | undefined>,
  focusFirst = false,
): void {
  for (const field of fields) showText($w(`#${field}Error`), errors[field]);
  const first = fields.find((field) => errors[field]);
  if (focusFirst && first) $w(`#${first}`).focus();
}
