import type { PageElement } from '../../src/public/pages/page-elements';

type ClickHandler = () => void | Promise<void>;

/** A page element as the fake `$w` keeps it: the Velo properties plus what a test wants to inspect. */
export interface FakeElement extends PageElement {
  readonly selector: string;
  /** False after `hide()`, true after `show()`; elements start visible, as on a Velo page. */
  readonly visible: boolean;
  /** False after `disable()`, true after `enable()`; elements start enabled. */
  readonly enabled: boolean;
  /** Every enabled state the element has had, in order, starting with the initial `true`. */
  readonly enabledHistory: readonly boolean[];
  /** The handler given to `onClick`, if any. */
  readonly clickHandler: ClickHandler | undefined;
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
  /** What a visitor reads in an element: its text when visible, else `undefined`. */
  shown(selector: string): string | undefined;
}

class Element implements FakeElement {
  value = '';
  checked = false;
  text = '';
  label = '';
  visible = true;
  enabledHistory: boolean[] = [true];
  clickHandler: ClickHandler | undefined;

  constructor(readonly selector: string) {}

  get enabled(): boolean {
    return this.enabledHistory.at(-1)!;
  }

  onClick(handler: ClickHandler): void {
    this.clickHandler = handler;
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
}

export function fakeW(): FakeW {
  const elements = new Map<string, Element>();

  function $w(selector: string): Element {
    let element = elements.get(selector);
    if (!element) {
      element = new Element(selector);
      elements.set(selector, element);
    }
    return element;
  }

  return Object.assign($w, {
    async click(selector: string): Promise<void> {
      const element = $w(selector);
      if (!element.clickHandler) throw new Error(`${selector} has no click handler`);
      if (!element.enabled) return;
      await element.clickHandler();
    },
    fill(values: Record<string, string>): void {
      for (const [selector, value] of Object.entries(values)) $w(selector).value = value;
    },
    shown(selector: string): string | undefined {
      const element = $w(selector);
      return element.visible ? element.text : undefined;
    },
  });
}
