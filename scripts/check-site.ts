import { build, type Plugin } from 'esbuild';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createRequire, isBuiltin } from 'node:module';
import { parseJobsConfig } from '../local/velo/jobs-config';
import { es2020Problems } from './browser-code-check';
import { PLACEHOLDER_SITE_ID, sourcePageNames } from './site-config';

/**
 * `npm run check:site`: checks dist/site the way Wix sees it, and fails loudly otherwise.
 * - wix.config.json is valid for the classic Git Integration flow (siteId a UUID, uiVersion a string);
 * - src/ holds only JavaScript (and backend/jobs.config), in backend/, pages/ and public/ (Wix ignores
 *   files at the src root);
 * - page files are named `<Page Title>.<pageId>.js` or `masterPage.js`;
 * - every import resolves: `backend/...` and `public/...` to a built file, packages to a dependency of
 *   the site's package.json, `wix-...` to a known Velo module;
 * - each `*.web.js` exports only webMethod-wrapped functions (it is loaded to check);
 * - `backend/events.js`, if present, exports only `<app>_<event>` functions, each declared in the form
 *   Wix documents (`export function name(event)` / `export async function`), never an export list;
 * - page and public code (it runs in the browser) imports no Node built-in and stays within ES2020,
 *   what Wix documents for browsers: syntax (parsed as ES2020) and the newer built-ins we know of;
 * - `backend/jobs.config`, if present, is a jobs file Velo runs (local/velo/jobs-config.ts: at most 20
 *   jobs, at most hourly, a cron expression or a time) and each job's function is an exported function
 *   of a built backend file;
 * - with `--deploy`: no placeholder site id or page file name is left (see scripts/site-config.ts).
 */

const root = resolve(__dirname, '..');
const site = process.env.SITE_DIR ? resolve(process.env.SITE_DIR) : join(root, 'dist', 'site');
const problems: string[] = [];
const forDeploy = process.argv.includes('--deploy');
const VELO_MODULES = new Set([
  'wix-chat-backend',
  'wix-captcha-backend',
  'wix-web-module',
  'wix-auth',
  'wix-members-backend',
  'wix-secrets-backend',
]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

function checkConfig(): void {
  const config = JSON.parse(readFileSync(join(site, 'wix.config.json'), 'utf8')) as Record<string, unknown>;
  if (typeof config.siteId !== 'string' || !UUID.test(config.siteId))
    problems.push('wix.config.json: siteId must be a UUID');
  if (typeof config.uiVersion !== 'string') problems.push('wix.config.json: uiVersion must be a string');
  if (forDeploy && config.siteId === PLACEHOLDER_SITE_ID) {
    problems.push(
      'wix.config.json: siteId is the placeholder: set yours with `npm run configure-site -- --site-id <id>`',
    );
  }
}

const JOBS_CONFIG = 'backend/jobs.config';

/** Scheduled jobs: a valid jobs.config whose every job names an exported function of a built backend file. */
async function checkJobs(dependencies: Set<string>): Promise<void> {
  const path = join(site, 'src', JOBS_CONFIG);
  if (!existsSync(path)) return;
  const { jobs, problems: found } = parseJobsConfig(readFileSync(path, 'utf8'));
  problems.push(...found.map((problem) => `src/backend/${problem}`));
  for (const job of jobs) {
    const target = join(site, 'src', 'backend', job.functionLocation.replace(/^\//, ''));
    const where = `src/${JOBS_CONFIG}: ${job.functionName}`;
    if (!existsSync(target)) {
      problems.push(`${where}: functionLocation "${job.functionLocation}" is not a built backend file`);
      continue;
    }
    const exports = await loadModule(target, dependencies).catch(() => ({}) as Record<string, unknown>);
    if (typeof exports[job.functionName] !== 'function') {
      problems.push(`${where}: ${job.functionLocation} exports no function "${job.functionName}"`);
    }
  }
}

/** Our own page file names: on a real site each is renamed to the site's page (site.config.json). */
const placeholderPages = new Set(sourcePageNames(root));

function checkFiles(files: string[]): void {
  for (const file of files) {
    const path = relative(join(site, 'src'), file).split('\\').join('/');
    const [folder, ...rest] = path.split('/');
    if (!file.endsWith('.js') && path !== JOBS_CONFIG) problems.push(`src/${path}: only JavaScript files are deployed`);
    if (!['backend', 'pages', 'public'].includes(folder!) || rest.length === 0) {
      problems.push(`src/${path}: site code must be in src/backend, src/pages or src/public`);
    }
    if (folder === 'pages' && !/^(masterPage|[^/.]+\.[a-z0-9]+)\.js$/i.test(rest.join('/'))) {
      problems.push(`src/${path}: page files are named "<Page Title>.<pageId>.js" or masterPage.js`);
    }
    if (forDeploy && folder === 'pages' && placeholderPages.has(rest.join('/').replace(/\.js$/, ''))) {
      problems.push(`src/${path}: a placeholder page id: map the page with \`npm run configure-site -- --page\``);
    }
  }
}

/** Page and public code runs in the visitor's browser. */
function isBrowserCode(file: string): boolean {
  const folder = relative(join(site, 'src'), file).split(/[\\/]/)[0];
  return folder === 'pages' || folder === 'public';
}

/**
 * events.js handlers in the form Wix documents: `export function name(event)` or `export async
 * function name(event)`. Wix lists re-exports, dynamic exports and CommonJS as unsupported there, and
 * an export list is not the documented form either.
 */
function checkEventExports(path: string, source: string, names: string[]): void {
  if (/^\s*export\s*(\{|\*|default\b)/m.test(source) || /\bmodule\.exports\b|\bexports\.\w+\s*=/.test(source)) {
    problems.push(
      `${path}: handlers must be declared "export function name(event)", not exported in a list or default`,
    );
  }
  for (const name of names) {
    if (!new RegExp(`^export\\s+(async\\s+)?function\\s+${name}\\s*\\(`, 'm').test(source)) {
      problems.push(`${path}: "${name}" is not declared as "export function ${name}(event)"`);
    }
  }
}

/** Resolves Velo specifiers against the built tree and records anything that would not resolve on Wix. */
function veloResolver(dependencies: Set<string>): Plugin {
  return {
    name: 'velo-resolver',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        const spec = args.path;
        const importer = relative(site, args.importer);
        const top = spec.split('/')[0]!;
        if (top === 'backend' || top === 'public') {
          const target = join(site, 'src', `${spec}.js`);
          if (existsSync(target)) return { path: target };
          problems.push(`${importer}: import "${spec}" does not resolve to a built file`);
          return { path: spec, namespace: 'velo-module' };
        }
        if (spec.startsWith('.'))
          problems.push(`${importer}: relative import "${spec}" (Velo needs backend/... or public/...)`);
        if (VELO_MODULES.has(spec)) return { path: spec, namespace: 'velo-module' };
        // Velo backend code runs on Node.js and may use its built-in modules; browser code may not.
        if (isBuiltin(spec)) {
          if (isBrowserCode(args.importer))
            problems.push(`${importer}: imports the Node built-in "${spec}" in browser code`);
          return { path: spec, external: true };
        }
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : top;
        if (!dependencies.has(pkg))
          problems.push(`${importer}: package "${pkg}" is not a dependency in the site's package.json`);
        return { path: spec, external: true };
      });
      // Velo modules exist only on Wix (and unresolved imports are already reported); for loading, a
      // stand-in that exports whatever is asked for.
      b.onLoad({ filter: /.*/, namespace: 'velo-module' }, () => ({
        contents: 'module.exports = new Proxy({}, { get: () => () => undefined });',
        loader: 'js',
      }));
    },
  };
}

async function loadModule(file: string, dependencies: Set<string>): Promise<Record<string, unknown>> {
  const result = await build({
    entryPoints: [file],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    logLevel: 'silent',
    plugins: [veloResolver(dependencies)],
  });
  const module = { exports: {} as Record<string, unknown> };
  const requireFromRoot = createRequire(join(root, 'package.json'));
  // Page code runs `$w.onReady(...)` at load; a stand-in `$w` that never calls back is enough to load it.
  const $w = Object.assign(() => ({}), { onReady: () => undefined });
  new Function('module', 'exports', 'require', '$w', result.outputFiles[0]!.text)(
    module,
    module.exports,
    requireFromRoot,
    $w,
  );
  return module.exports;
}

async function main(): Promise<void> {
  if (!existsSync(site)) throw new Error('dist/site does not exist: run `npm run build` first.');
  checkConfig();
  const files = walk(join(site, 'src'));
  checkFiles(files);
  const pkg = JSON.parse(readFileSync(join(site, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const dependencies = new Set(Object.keys(pkg.dependencies ?? {}));

  await checkJobs(dependencies);
  for (const file of files.filter((f) => f.endsWith('.js'))) {
    const path = relative(site, file);
    let exports: Record<string, unknown>;
    try {
      exports = await loadModule(file, dependencies);
    } catch (error) {
      problems.push(`${path}: could not be loaded: ${(error as Error).message}`);
      continue;
    }
    if (file.endsWith('.web.js')) {
      const names = Object.keys(exports).filter((name) => name !== '__esModule');
      if (names.length === 0) problems.push(`${path}: a web module with no web methods`);
      for (const name of names) {
        const value = exports[name];
        const permission = typeof value === 'function' ? (value as { permission?: unknown }).permission : undefined;
        if (typeof permission !== 'string') {
          problems.push(`${path}: export "${name}" is not wrapped in webMethod(...)`);
        }
      }
    }
    if (isBrowserCode(file)) {
      for (const problem of es2020Problems(readFileSync(file, 'utf8'))) problems.push(`${path}: ${problem}`);
    }
    if (path === join('src', 'backend', 'events.js')) {
      const names = Object.keys(exports).filter((name) => name !== '__esModule');
      checkEventExports(path, readFileSync(file, 'utf8'), names);
      for (const [name, value] of Object.entries(exports)) {
        if (name === '__esModule') continue;
        if (!/^[a-z][A-Za-z0-9]*_on[A-Z][A-Za-z0-9]*$/.test(name) || typeof value !== 'function') {
          problems.push(`${path}: export "${name}" is not an <app>_<event> handler function`);
        }
      }
    }
  }

  if (problems.length > 0) {
    console.error(`dist/site is not a valid Velo site (${problems.length} problem(s)):`);
    for (const problem of problems) console.error(`  - ${problem}`);
    process.exit(1);
  }
  console.log(`dist/site is a valid Velo site: ${files.length} files checked.`);
}

main().catch((error: unknown) => {
  console.error(`check:site failed: ${(error as Error).message}`);
  process.exit(1);
});
