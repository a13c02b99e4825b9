import { domW } from './dom-w';
import { choosePersona, currentPersona, type PersonaName } from './identity';

// Page code uses the global `$w`, as on Wix.
(globalThis as unknown as { $w: typeof domW }).$w = domW;

/** The identity switcher in the page header: who the page's web-method calls run as. */
function wireIdentitySwitcher(): void {
  const select = document.querySelector<HTMLSelectElement>('#identity');
  if (!select) return;
  select.value = currentPersona();
  select.addEventListener('change', () => {
    choosePersona(select.value as PersonaName);
    location.reload();
  });
}

/**
 * The site's markup ties each input to its error line (`aria-describedby`); this keeps the input's
 * `aria-invalid` in step with that line, so a screen reader hears "invalid" exactly while the error
 * shows, whatever page code shows or hides it.
 */
function keepInvalidStateInStep(): void {
  const sync = () => {
    for (const input of document.querySelectorAll<HTMLElement>('input[aria-describedby], textarea[aria-describedby]')) {
      const invalid = input
        .getAttribute('aria-describedby')!
        .split(/\s+/)
        .some((id) => {
          const line = document.getElementById(id);
          return !!line && line.classList.contains('error') && !line.hidden && !!line.textContent;
        });
      if (invalid) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
  };
  new MutationObserver(sync).observe(document.body, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['hidden'],
  });
  sync();
}

function start(): void {
  wireIdentitySwitcher();
  keepInvalidStateInStep();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
