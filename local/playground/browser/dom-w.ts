import type { PageElement, PageSelector } from '../../../src/public/pages/page-elements';
import { pageElement } from './dom-element';
import { domRepeater } from './dom-repeater';

/** `$w('#id')`: the element with that id, as a repeater when it is one (`data-velo-type="repeater"`). */
function select(selector: string): PageElement {
  const element = document.querySelector<HTMLElement>(selector);
  if (!element) throw new Error(`$w('${selector}'): no element with that id on this page`);
  if (element.dataset.veloType === 'repeater') return domRepeater(element) as unknown as PageElement;
  return pageElement(element);
}

/** `$w` for the local site: element lookups by id, and `onReady` once the DOM is parsed. */
export const domW: PageSelector & { onReady(handler: () => void | Promise<void>): void } = Object.assign(select, {
  onReady(handler: () => void | Promise<void>) {
    const run = () => void handler();
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
    else run();
  },
});
