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

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wireIdentitySwitcher);
else wireIdentitySwitcher();
