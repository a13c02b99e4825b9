import { claim } from '../automations/claims';

export interface VisitorBudget {
  maxForms: number;
  windowMinutes: number;
}

/**
 * The lowest slot this backend instance has not seen taken, per window. Only a hint to save calls: the
 * claims in Wix Data decide, so every instance and every container counts the same forms. If the
 * collection is cleared mid-window, the hint skips freed slots: the budget gets tighter, never looser.
 */
const firstFreeSlotHint = new Map<number, number>();

/**
 * Takes one place in the site-wide budget of visitor forms for the current fixed window, or returns
 * false when the budget is spent. Each place is a claim (`visitor-form:<window>:<slot>`, an atomic
 * insert with a chosen id in the claims collection), tried from the lowest slot this instance has not
 * seen taken; a slot taken by another instance moves on to the next. So the budget is exact across
 * instances, and one form usually costs one insert. See docs/decisions/0004-rate-limit.md.
 */
export async function takeVisitorBudget(budget: VisitorBudget, now: number): Promise<boolean> {
  const window = Math.floor(now / (budget.windowMinutes * 60_000));
  for (const old of firstFreeSlotHint.keys()) if (old !== window) firstFreeSlotHint.delete(old);
  for (let slot = firstFreeSlotHint.get(window) ?? 0; slot < budget.maxForms; slot++) {
    firstFreeSlotHint.set(window, slot + 1);
    if (await claim(`visitor-form:${window}:${slot}`)) return true;
  }
  return false;
}
