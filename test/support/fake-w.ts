import { checkRepeaterData, repeaterChanges } from '../../local/playground/browser/repeater-data';
import type {
  DropdownOption,
  ItemCallback,
  PageElement,
  RepeaterElement,
  RepeaterItem,
} from '../../src/public/pages/page-elements';

type ClickHandler = () => void | Promise<void>;

/** A page element as the fake `$w` keeps it: the Velo properties plus what a test wants to inspect. */
export interface FakeElement extends PageElement, RepeaterElement<RepeaterItem> {
  readonly selector: string;
  /** False after `hide()`, true after `show()`; elements start visible, as on a Velo page. */
  readonly visible: boolean;
  /** False after `disable()`, true after `enable()`; elements start enabled. */
  readonly enabled: boolean;
  /** Every enabled state the element has had, in order, starting with the initial `true`. */
  readonly enabledHistory: readonly boolean[];
  /** The handler given to `onClick`, if any. */
  readonly clickHandler: ClickHandler | undefined;
  /** As a repeater: each repeated item's own `$item` scope, in the order of `data`. */
  readonly items: readonly { itemData: RepeaterItem; $item: FakeW }[];
}

/** A fake Velo `$w`: elements are created on first use, so any selector works. */
export interface FakeW {
  (selector: string): FakeElement;
  /**
   * Clicks the element the way a visitor does and returns the handler's promise. As in Velo, a disabled
   * element does not fire its handler (the promise resolves at once). Throws if nothing handles clicks.
   */
  click(selector: string): Promise<void>;
  /** Sets the `value` of several inputs, e.g. `fill({ '#email': 'a@b.c' })`. */
  fill(values: Record<string, string>): void;
  /** Types into an input: sets its value and runs its `onInput` handlers, as a visitor's typing does. */
  type(selector: string, value: string): void;
  /**
   * Chooses a dropdown option the way a visitor does: sets the value and runs the `onChange` handlers.
   * Throws if the dropdown does not offer that value.
   */
  choose(selector: string, value: string): void;
  /** What a visitor reads in an element: its text when visible, else `undefined`. */
  shown(selector: string): string | undefined;
  /** The selector of the element that last received `focus()`, if any (shared by `$item` scopes). */
  readonly focused: string | undefined;
}

class Element implements FakeElement {
  value = '';
  checked = false;
  text = '';
  label = '';
  src = '';
  alt = '';
  link = '';
  target = '';
  visible = true;
  enabledHistory: boolean[] = [true];
  clickHandler: ClickHandler | undefined;
  inputHandlers: (() => void)[] = [];
  changeHandlers: (() => void)[] = [];
  private choices: DropdownOption[] = [];
  private repeated: RepeaterItem[] = [];
  private scopes = new Map<string, FakeW>();
  private itemReady: ItemCallback<RepeaterItem> | undefined;
  private itemRemoved: ((itemData: RepeaterItem) => void) | undefined;

  constructor(
    readonly selector: string,
    private readonly focusTracker: { focused?: string },
  ) {}

  get enabled(): boolean {
    return this.enabledHistory.at(-1)!;
  }

  onClick(handler: ClickHandler): void {
    this.clickHandler = handler;
  }

  onInput(handler: () => void): void {
    this.inputHandlers.push(handler);
  }

  onChange(handler: () => void): void {
    this.changeHandlers.push(handler);
  }

  // Velo Dropdown: a copy in, a copy out (the page cannot change the shown list by mutating it).
  get options(): DropdownOption[] {
    return this.choices.map((option) => ({ ...option }));
  }

  set options(value: DropdownOption[]) {
    this.choices = value.map(({ label, value }) => ({ label, value }));
  }

  focus(): void {
    this.focusTracker.focused = this.selector;
  }

  async show(): Promise<void> {
    this.visible = true;
  }

  async hide(): Promise<void> {
    this.visible = false;
  }

  async enable(): Promise<void> {
    this.enabledHistory.push(true);
  }

  async disable(): Promise<void> {
    this.enabledHistory.push(false);
  }

  // Repeater behaviour, as the Velo reference describes it (the same rules as the playground's DOM).
  get data(): RepeaterItem[] {
    return [...this.repeated];
  }

  set data(value: RepeaterItem[]) {
    const next = checkRepeaterData(value);
    const { added, removed } = repeaterChanges(this.repeated, next);
    for (const itemData of removed) {
      this.scopes.delete(itemData._id);
      this.itemRemoved?.(itemData);
    }
    for (const itemData of added) this.scopes.set(itemData._id, fakeW(this.focusTracker));
    this.repeated = [...next];
    for (const itemData of added) this.itemReady?.(this.scopes.get(itemData._id)!, itemData, next.indexOf(itemData));
  }

  get items() {
    return this.repeated.map((itemData) => ({ itemData, $item: this.scopes.get(itemData._id)! }));
  }

  onItemReady(callback: ItemCallback<RepeaterItem>): void {
    this.itemReady = callback;
  }

  onItemRemoved(callback: (itemData: RepeaterItem) => void): void {
    this.itemRemoved = callback;
  }

  forEachItem(callback: ItemCallback<RepeaterItem>): void {
    this.items.forEach(({ itemData, $item }, index) => callback($item, itemData, index));
  }

  forItems(itemIds: string[], callback: ItemCallback<RepeaterItem>): void {
    this.items.forEach(({ itemData, $item }, index) => {
      if (itemIds.includes(itemData._id)) callback($item, itemData, index);
    });
  }
}

export function fakeW(focusTracker: { focused?: string } = {}): FakeW {
  const elements = new Map<string, Element>();

  function $w(selector: string): Element {
    let element = elements.get(selector);
    if (!element) {
      element = new Element(selector, focusTracker);
      elements.set(selector, element);
    }
    return element;
  }

  const selector = Object.assign($w, {
    async click(selector: string): Promise<void> {
      const element = $w(selector);
      if (!element.clickHandler) throw new Error(`${selector} has no click handler`);
      if (!element.enabled) return;
      await element.clickHandler();
    },
    fill(values: Record<string, string>): void {
      for (const [selector, value] of Object.entries(values)) $w(selector).value = value;
    },
    type(selector: string, value: string): void {
      const element = $w(selector);
      element.value = value;
      for (const handler of element.inputHandlers) handler();
    },
    choose(selector: string, value: string): void {
      const element = $w(selector);
      if (!element.options.some((option) => option.value === value)) throw new Error(`${selector} offers no ${value}`);
      element.value = value;
      for (const handler of element.changeHandlers) handler();
    },
    shown(selector: string): string | undefined {
      const element = $w(selector);
      return element.visible ? element.text : undefined;
    },
  });
  // A getter (Object.assign would copy its value once).
  return Object.defineProperty(selector, 'focused', { get: () => focusTracker.focused }) as unknown as FakeW;
}
