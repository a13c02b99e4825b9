import { Hono } from 'hono';
import { z } from 'zod';
import type { EmulatorContext } from '../context';
import { readJsonBody } from '../http/read-request';
import { parseOrThrow } from '../validation/field-violations';
import { oneOfValues } from '../validation/wix-formats';
import { VARIANT_NAMES, VARIANT_VALUES, defaultVariants, type PlatformVariants } from '../variants';

/** A partial set of variants, one optional field per variant; an unknown name is a field error, not ignored. */
const variantsRequest = z.strictObject(
  Object.fromEntries(VARIANT_NAMES.map((name) => [name, oneOfValues(VARIANT_VALUES[name]).optional()])),
);

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
