import type {
  ItemCallback,
  PageSelector,
  RepeaterElement,
  RepeaterItem,
} from '../../../src/public/pages/page-elements';
import { pageElement } from './dom-element';
import { checkRepeaterData, repeaterChanges } from './repeater-data';

/**
 * A Velo repeater on the DOM. The page's HTML gives the repeater element `data-velo-type="repeater"`
 * and one `<template>` child: the item template, whose elements carry their Velo ids as
 * `data-velo-id` (ids repeat in every item, so they cannot be DOM ids). Behaviour follows the Velo
 * Repeater reference: setting `data` creates an item and runs `onItemReady` for each new `_id`,
 * removes (and runs `onItemRemoved` for) each `_id` no longer there, keeps items whose `_id` stays
 * (without running `onItemReady`; use `forEachItem` / `forItems` to update them) and shows the items
 * in the order of `data`.
 */

interface RepeaterState {
  data: RepeaterItem[];
  items: Map<string, HTMLElement>;
  onItemReady?: ItemCallback<RepeaterItem>;
  onItemRemoved?: (itemData: RepeaterItem) => void;
}

const states = new WeakMap<HTMLElement, RepeaterState>();

/** `$item`: selects elements inside one repeated item. */
function itemSelector(item: HTMLElement): PageSelector {
  return (selector: string) => {
    const id = selector.replace(/^#/, '');
    const element = item.querySelector<HTMLElement>(`[data-velo-id="${CSS.escape(id)}"]`);
    if (!element) throw new Error(`$item('${selector}'): no element with that id in the repeated item`);
    return pageElement(element);
  };
}

export function domRepeater(root: HTMLElement): RepeaterElement<RepeaterItem> {
  const template = root.querySelector('template');
  if (!template?.content.firstElementChild) throw new Error(`#${root.id}: a repeater needs an item <template>`);
  const blueprint = template.content.firstElementChild as HTMLElement;
  let state = states.get(root);
  if (!state) {
    state = { data: [], items: new Map() };
    states.set(root, state);
  }
  const s = state;

  const run = (callback: ItemCallback<RepeaterItem>, ids?: readonly string[]) => {
    s.data.forEach((itemData, index) => {
      if (ids && !ids.includes(itemData._id)) return;
      callback(itemSelector(s.items.get(itemData._id)!), itemData, index);
    });
  };

  return {
    get data() {
      return [...s.data];
    },
    set data(value: RepeaterItem[]) {
      const next = checkRepeaterData(value);
      const { added, removed } = repeaterChanges(s.data, next);
      for (const itemData of removed) {
        s.items.get(itemData._id)?.remove();
        s.items.delete(itemData._id);
        s.onItemRemoved?.(itemData);
      }
      for (const itemData of added) {
        const item = blueprint.cloneNode(true) as HTMLElement;
        item.dataset.itemId = itemData._id;
        s.items.set(itemData._id, item);
      }
      s.data = [...next];
      // Items follow the order of the data.
      for (const itemData of next) root.append(s.items.get(itemData._id)!);
      for (const itemData of added)
        s.onItemReady?.(itemSelector(s.items.get(itemData._id)!), itemData, next.indexOf(itemData));
    },
    onItemReady(callback) {
      s.onItemReady = callback;
    },
    onItemRemoved(callback) {
      s.onItemRemoved = callback;
    },
    forEachItem(callback) {
      run(callback);
    },
    forItems(itemIds, callback) {
      run(callback, itemIds);
    },
    show: () => {
      root.hidden = false;
    },
    hide: () => {
      root.hidden = true;
    },
  };
}
