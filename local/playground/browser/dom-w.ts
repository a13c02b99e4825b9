import type { PageElement, PageSelector } from '../../../src/public/pages/page-elements';

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

function isField(element: Element): element is Field {
  return (
    element instanceof HTMLInputElement ||
    element instanceof HTMLTextAreaElement ||
    element instanceof HTMLSelectElement
  );
}

/** A Velo page element backed by a DOM element with the same id (`#email` → `<input id="email">`). */
function pageElement(selector: string): PageElement {
  const element = document.querySelector<HTMLElement>(selector);
  if (!element) throw new Error(`$w('${selector}'): no element with that id on this page`);
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
    onClick(handler) {
      element.addEventListener('click', (event) => {
        event.preventDefault();
        void handler();
      });
    },
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

/** `$w` for the local site: element lookups by id, and `onReady` once the DOM is parsed. */
export const domW: PageSelector & { onReady(handler: () => void | Promise<void>): void } = Object.assign(
  (selector: string) => pageElement(selector),
  {
    onReady(handler: () => void | Promise<void>) {
      const run = () => void handler();
      if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
      else run();
    },
  },
);
