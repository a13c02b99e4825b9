import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runHandler } from 'backend/automations/run-handler';
import { lazySchema, validateLazily, type Zod } from 'public/validation';

/**
 * zod loads with the first call that validates, not with a backend module (issue #13: every zod entry
 * point loads about 90 modules). These tests hold the two halves of that: no backend entry module
 * reaches zod through a static import, and a lazy schema behaves like the schema it builds.
 */

const SRC = join(__dirname, '..', '..', 'src');

/** The npm imports a backend entry module makes, static or dynamic, through all the site code it imports. */
async function npmImports(entry: string): Promise<{ path: string; kind: string }[]> {
  const result = await build({
    entryPoints: [join(SRC, 'backend', entry)],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
    plugins: [
      {
        name: 'velo-resolution',
        setup(b) {
          b.onResolve({ filter: /^(backend|public)\// }, (args) => ({ path: join(SRC, `${args.path}.ts`) }));
          b.onResolve({ filter: /^[^./]/ }, (args) => ({ path: args.path, external: true }));
        },
      },
    ],
  });
  return Object.values(result.metafile.inputs).flatMap((input) =>
    input.imports.filter((i) => i.external).map(({ path, kind }) => ({ path, kind })),
  );
}

const entries = readdirSync(join(SRC, 'backend')).filter((name) => name.endsWith('.web.ts') || name === 'events.ts');

it.each(entries)('%s imports zod only dynamically, with the first call that validates', async (entry) => {
  const zodImports = (await npmImports(entry)).filter(({ path }) => path === 'zod' || path.startsWith('zod/'));
  // As a set: mutation testing's instrumented copy of validation.ts holds the import twice.
  expect(new Set(zodImports.map(({ path, kind }) => `${kind} ${path}`))).toEqual(new Set(['dynamic-import zod/mini']));
});

it('builds a lazy schema once, on its first use, and validates as the schema it builds', async () => {
  let builds = 0;
  const name = lazySchema((z) => {
    builds++;
    return z.string().check(z.minLength(2, { error: 'Name is too short' }));
  });
  expect(builds).toBe(0);
  expect(await validateLazily(name, 'Al')).toEqual({ ok: true, value: 'Al' });
  expect(await validateLazily(name, 'A')).toEqual({ ok: false, fieldErrors: { '(input)': 'Name is too short' } });
  expect(await name()).toBe(await name());
  expect(builds).toBe(1);
});

it('builds a lazy schema again after a failed build, rather than keeping the failure', async () => {
  let attempts = 0;
  const flaky = lazySchema((z: Zod) => {
    if (++attempts === 1) throw new Error('build failed');
    return z.number();
  });
  await expect(flaky()).rejects.toThrow('build failed');
  expect(await validateLazily(flaky, 7)).toEqual({ ok: true, value: 7 });
  expect(attempts).toBe(2);
});

it('fails a delivery whose payload check cannot be loaded, before claiming it', async () => {
  const claimKey = jest.fn(() => 'event:1');
  const run = jest.fn();
  const outcome = await runHandler(
    {
      name: 'wixChat_onMessage',
      schema: () => Promise.reject(new Error('Cannot find package zod')),
      claimKey,
      run,
    },
    { metadata: { id: '1' } },
  );
  expect(outcome).toEqual({ status: 'failed', detail: 'could not check the payload: Error: Cannot find package zod' });
  expect(claimKey).not.toHaveBeenCalled();
  expect(run).not.toHaveBeenCalled();
});
