import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScript } from '../support/run-script';

/**
 * check:site and the deploy tooling against small bad trees: each case copies one good build into a
 * temporary folder, breaks one thing the way a real mistake would, and runs the real script.
 */

const root = join(__dirname, '..', '..');
const SITE_ID = '3f1e2d4c-1111-4222-8333-444455556666';

const run = runScript;

let work: string;
let good: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'deploy-checks-'));
  good = join(work, 'good');
  expect(run('build-site.ts', { SITE_DIR: good })).toMatchObject({ ok: true });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of the good build, changed by `breakIt`; returns its folder. */
function variantOf(name: string, breakIt: (site: string) => void): string {
  const site = join(work, name);
  cpSync(good, site, { recursive: true });
  breakIt(site);
  return site;
}
const check = (site: string, args: string[] = []) => run('check-site.ts', { SITE_DIR: site }, args);

it('accepts the local build with placeholders, and refuses the same build for a deploy', () => {
  expect(check(good)).toMatchObject({ ok: true });
  const forDeploy = check(good, ['--deploy']);
  expect(forDeploy.ok).toBe(false);
  expect(forDeploy.output).toContain('siteId is the placeholder');
  expect(forDeploy.output).toContain('src/pages/Contact.c1dmp.js: a placeholder page id');
});

it('refuses events.js handlers exported as a list', () => {
  const site = variantOf('export-list', (dir) => {
    const file = join(dir, 'src', 'backend', 'events.js');
    const source = readFileSync(file, 'utf8');
    const names = [...source.matchAll(/^export function (\w+)/gm)].map((m) => m[1]);
    writeFileSync(file, `${source.replace(/^export function/gm, 'function')}\nexport { ${names.join(', ')} };\n`);
  });
  const checked = check(site);
  expect(checked.ok).toBe(false);
  expect(checked.output).toContain('not exported in a list or default');
  expect(checked.output).toContain(
    '"wixBlog_onPostLiked" is not declared as "export function wixBlog_onPostLiked(event)"',
  );
});

it.each([
  ['a page', 'pages/Contact.c1dmp.js', 'import { readFileSync } from "fs";\nconsole.log(readFileSync);\n', '"fs"'],
  [
    'public code',
    'public/web-result.js',
    'import { randomUUID } from "node:crypto";\nexport const id = randomUUID;\n',
    '"node:crypto"',
  ],
])('refuses a Node built-in imported by %s', (_where, file, code, spec) => {
  const site = variantOf(`builtin-${file.split('/')[0]}`, (dir) => {
    const path = join(dir, 'src', file);
    writeFileSync(path, code + readFileSync(path, 'utf8'));
  });
  const checked = check(site);
  expect(checked.ok).toBe(false);
  expect(checked.output).toContain(`imports the Node built-in ${spec} in browser code`);
});

it.each([
  ['Object.hasOwn', 'export const own = (o, k) => Object.hasOwn(o, k);', 'Object.hasOwn is ES2022'],
  ['.at()', 'export const last = (list) => list.at(-1);', '.at() is ES2022'],
  ['.replaceAll()', 'export const dashes = (s) => s.replaceAll(" ", "-");', '.replaceAll() is ES2021'],
  ['logical assignment', 'export const fill = (o) => { o.x ??= 1; };', 'syntax newer than ES2020'],
])('refuses %s in public code (newer than ES2020)', (what, code, message) => {
  const site = variantOf(`es-${what.replace(/\W/g, '')}`, (dir) => {
    writeFileSync(join(dir, 'src', 'public', 'newer.js'), `${code}\n`);
  });
  const checked = check(site);
  expect(checked.ok).toBe(false);
  expect(checked.output).toContain(message);
});

it('still lets backend code use Node built-ins and newer built-ins', () => {
  const site = variantOf('backend-node', (dir) => {
    writeFileSync(
      join(dir, 'src', 'backend', 'node-use.js'),
      'import { randomUUID } from "crypto";\nexport const id = () => [randomUUID()].at(-1);\n',
    );
  });
  expect(check(site)).toMatchObject({ ok: true });
});

it('configures the site from a synced page list and builds page files the deploy check accepts', () => {
  const configDir = join(work, 'config');
  mkdirSync(configDir);
  cpSync(join(root, 'site.config.json'), join(configDir, 'site.config.json'));
  cpSync(join(root, 'wix.config.json'), join(configDir, 'wix.config.json'));
  const synced = join(work, 'synced-pages');
  mkdirSync(synced);
  for (const name of ['Contact.x1y2z.js', 'Admin Console.q9q9q.js', 'Home.abcde.js', 'masterPage.js']) {
    writeFileSync(join(synced, name), '');
  }
  const env = { SITE_CONFIG: join(configDir, 'site.config.json') };

  const configured = run('configure-site.ts', env, [
    '--site-id',
    SITE_ID,
    '--from',
    synced,
    '--page',
    'Member Messages=Messages.zz123',
  ]);
  expect(configured).toMatchObject({ ok: true });
  expect(JSON.parse(readFileSync(env.SITE_CONFIG, 'utf8'))).toEqual({
    siteId: SITE_ID,
    pages: { Contact: 'Contact.x1y2z', 'Admin Console': 'Admin Console.q9q9q', 'Member Messages': 'Messages.zz123' },
  });
  expect(JSON.parse(readFileSync(join(configDir, 'wix.config.json'), 'utf8'))).toMatchObject({ siteId: SITE_ID });

  const site = join(work, 'deploy');
  expect(run('build-site.ts', { ...env, SITE_DIR: site }, ['--deploy'])).toMatchObject({ ok: true });
  expect(readdirSync(join(site, 'src', 'pages')).sort()).toEqual([
    'Admin Console.q9q9q.js',
    'Contact.x1y2z.js',
    'Messages.zz123.js',
    'masterPage.js',
  ]);
  expect(JSON.parse(readFileSync(join(site, 'wix.config.json'), 'utf8'))).toMatchObject({ siteId: SITE_ID });
  expect(check(site, ['--deploy'])).toMatchObject({ ok: true });
});

it('refuses to build for a deploy while placeholders remain, and says how to set them', () => {
  const built = run('build-site.ts', { SITE_DIR: join(work, 'refused') }, ['--deploy']);
  expect(built.ok).toBe(false);
  expect(built.output).toContain('Not built for deploy: siteId is the placeholder');
  expect(built.output).toContain('npm run configure-site');
});
