import { Hono } from 'hono';
import { z } from 'zod';
import type { EmulatorContext } from '../context';
import { readJsonBody } from '../http/read-request';
import { parseOrThrow } from '../validation/field-violations';
import { oneOfValues } from '../validation/wix-formats';
import { VARIANT_VALUES, defaultVariants, type PlatformVariants } from '../variants';

/** A partial set of variants; an unknown name is a field error, not silently ignored. */
const variantsRequest = z.strictObject({
  visitorCurrentMember: oneOfValues(VARIANT_VALUES.visitorCurrentMember).optional(),
  inbox: oneOfValues(VARIANT_VALUES.inbox).optional(),
  claimsCollection: oneOfValues(VARIANT_VALUES.claimsCollection).optional(),
  memberContactConversation: oneOfValues(VARIANT_VALUES.memberContactConversation).optional(),
});

/**
 * `GET/POST /_emulator/v1/variants`: reads or switches the platform variants (local/emulator/variants.ts)
 * while the emulator runs. `POST` changes only the variants it names;
 * `DELETE` puts every variant back to its default. A data reset (`POST /reset`) keeps them.
 */
export function variantsRoutes(ctx: EmulatorContext): Hono {
  const routes = new Hono();
  routes.get('/variants', (c) => c.json({ variants: ctx.variants }));
  routes.post('/variants', async (c) => {
    const request = parseOrThrow(variantsRequest, await readJsonBody(c));
    Object.assign(ctx.variants, request as Partial<PlatformVariants>);
    return c.json({ variants: ctx.variants });
  });
  routes.delete('/variants', (c) => {
    Object.assign(ctx.variants, defaultVariants());
    return c.json({ variants: ctx.variants });
  });
  return routes;
}
