/**
 * DOM building without HTML strings: every piece of data becomes a text node or an attribute, and
 * only http(s) URLs ever become an `href` or a `src`.
 */

type Child = Node | string | null | undefined | false;

interface Props {
  className?: string;
  attrs?: Record<string, string | undefined>;
  data?: Record<string, string | undefined>;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.className) element.className = props.className;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value !== undefined) element.setAttribute(name, value);
  }
  for (const [name, value] of Object.entries(props.data ?? {})) {
    if (value !== undefined) element.dataset[name] = value;
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/** The URL if it is an absolute http(s) URL, else undefined (javascript:, data:, relative…). */
export function safeUrl(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A link opening in a new tab, or, when the URL is not http(s), the same children as plain text. */
export function externalLink(url: unknown, props: Props, ...children: Child[]): HTMLElement {
  const href = safeUrl(url);
  if (!href) {
    // Shown, never followed: the content and the address as text.
    const span = el(
      'span',
      { ...props, attrs: { ...props.attrs, title: 'Not a web link, so not opened' } },
      ...children,
    );
    span.classList.add('unsafe-link');
    span.append(el('span', { className: 'unsafe-link__url' }, String(url ?? '')));
    return span;
  }
  return el('a', { ...props, attrs: { ...props.attrs, href, target: '_blank', rel: 'noopener' } }, ...children);
}

/**
 * Makes `container`'s children exactly `elements`, in order, moving only the nodes that are out of
 * place (so scroll position and focus survive a refresh).
 */
export function reconcile(container: Element, elements: Element[]): void {
  const wanted = new Set<Element>(elements);
  for (const child of Array.from(container.children)) {
    if (!wanted.has(child)) child.remove();
  }
  let index = 0;
  for (const element of elements) {
    const current = container.children[index];
    if (current !== element) container.insertBefore(element, current ?? null);
    index++;
  }
}

/** A pane's status line: `text`, styled as an error or not; hidden when there is no text. */
export function showStatus(status: HTMLElement, text: string, isError = false): void {
  status.textContent = text;
  status.hidden = !text;
  status.classList.toggle('is-error', isError);
}

/** Runs `task` with `button` disabled and reading "Loading…", then gives the button back its label. */
export async function whileLoading(button: HTMLButtonElement, task: () => Promise<void>): Promise<void> {
  const label = button.textContent;
  button.disabled = true;
  button.textContent = 'Loading…';
  try {
    await task();
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}
