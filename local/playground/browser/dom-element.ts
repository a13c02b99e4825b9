import type { PageElement } from '../../../src/public/pages/page-elements';

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

function isField(element: Element): element is Field {
  return (
    element instanceof HTMLInputElement ||
    element instanceof HTMLTextAreaElement ||
    element instanceof HTMLSelectElement
  );
}

/** Only web links become a link's `href`: a `javascript:` URL in a message must never run. */
function webLink(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** A Velo page element backed by a DOM element (`#email` → `<input id="email">`). */
export function pageElement(element: HTMLElement): PageElement {
  return {
    get value() {
      return isField(element) ? element.value : '';
    },
    set value(v: string) {
      if (isField(element)) element.value = v;
    },
    get checked() {
      return element instanceof HTMLInputElement ? element.checked : false;
    },
    set checked(v: boolean) {
      if (element instanceof HTMLInputElement) element.checked = v;
    },
    get text() {
      return element.textContent ?? '';
    },
    set text(v: string) {
      element.textContent = v;
    },
    get label() {
      return element.textContent ?? '';
    },
    set label(v: string) {
      element.textContent = v;
    },
    get src() {
      return element instanceof HTMLImageElement ? element.src : '';
    },
    set src(v: string) {
      if (element instanceof HTMLImageElement) element.src = v;
    },
    get alt() {
      return element instanceof HTMLImageElement ? element.alt : '';
    },
    set alt(v: string) {
      if (element instanceof HTMLImageElement) element.alt = v;
    },
    get link() {
      return element instanceof HTMLAnchorElement ? element.href : '';
    },
    set link(v: string) {
      if (!(element instanceof HTMLAnchorElement)) return;
      const href = webLink(v);
      if (href) element.href = href;
      else element.removeAttribute('href');
    },
    get target() {
      return element instanceof HTMLAnchorElement ? element.target : '';
    },
    set target(v: string) {
      if (element instanceof HTMLAnchorElement) {
        element.target = v;
        element.rel = v === '_blank' ? 'noopener' : '';
      }
    },
    onClick(handler) {
      element.addEventListener('click', (event) => {
        // Links follow their href; everything else is a page-code button inside a form.
        if (!(element instanceof HTMLAnchorElement)) event.preventDefault();
        void handler();
      });
    },
    onInput(handler) {
      element.addEventListener('input', () => handler());
    },
    onChange(handler) {
      element.addEventListener('change', () => handler());
    },
    // Velo Dropdown options ↔ the <select>'s <option>s (text, never HTML: labels are people's names).
    get options() {
      return element instanceof HTMLSelectElement
        ? [...element.options]
            .filter((option) => !option.hasAttribute('data-placeholder'))
            .map((option) => ({ label: option.text, value: option.value }))
        : [];
    },
    set options(choices) {
      if (!(element instanceof HTMLSelectElement)) return;
      // A Velo Dropdown's placeholder (set in the Editor) shows until a choice is made: here the
      // markup's `<option data-placeholder>`, kept first and selected, so the value stays "".
      const placeholder = element.querySelector<HTMLOptionElement>('option[data-placeholder]');
      element.replaceChildren(
        ...(placeholder ? [placeholder] : []),
        ...choices.map(({ label, value }) => new Option(label, value)),
      );
      if (placeholder) placeholder.selected = true;
    },
    focus: () => element.focus(),
    show: () => {
      element.hidden = false;
    },
    hide: () => {
      element.hidden = true;
    },
    enable: () => {
      if ('disabled' in element) (element as HTMLButtonElement).disabled = false;
    },
    disable: () => {
      if ('disabled' in element) (element as HTMLButtonElement).disabled = true;
    },
    // The local captcha stand-in (html.ts) keeps its token in data-token.
    get token() {
      return element.dataset['token'] || undefined;
    },
    reset: () => {
      element.dispatchEvent(new Event('captcha-reset'));
    },
  };
}
