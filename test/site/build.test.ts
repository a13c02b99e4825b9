import { appendFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScript } from '../support/run-script';

const run = (script: string, siteDir: string) => runScript(script, { SITE_DIR: siteDir });

function setup() {
  const siteDir = mkdtempSync(join(tmpdir(), 'site-'));
  const built = run('build-site.ts', siteDir);
  return { siteDir, built, cleanup: () => rmSync(siteDir, { recursive: true, force: true }) };
}

it('builds a Velo tree that check:site accepts, with Wix file names and Velo import specifiers', () => {
  const { siteDir, built, cleanup } = setup();
  try {
    expect(built).toMatchObject({ ok: true });
    expect(readdirSync(join(siteDir, 'src', 'pages')).sort()).toEqual([
      'Admin Console.a9x4q.js',
      'Contact.c1dmp.js',
      'Member Messages.m7k2p.js',
      'masterPage.js',
    ]);
    const web = readFileSync(join(siteDir, 'src', 'backend', 'inbox.web.js'), 'utf8');
    expect(web).toContain('from "backend/lib/contact-form"');
    expect(web).not.toMatch(/from "\.\.?\//);
    const sitePackage = JSON.parse(readFileSync(join(siteDir, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(sitePackage.dependencies)).toEqual(expect.arrayContaining(['@wix/inbox', '@wix/essentials']));
    expect(run('check-site.ts', siteDir)).toMatchObject({ ok: true });
  } finally {
    cleanup();
  }
});

it('fails check:site for an unwrapped web-method export and an unresolved import', () => {
  const { siteDir, cleanup } = setup();
  try {
    appendFileSync(join(siteDir, 'src', 'backend', 'chat.web.js'), '\nexport const leaked = () => 1;\n');
    appendFileSync(join(siteDir, 'src', 'pages', 'masterPage.js'), '\nimport "public/missing";\n');
    const checked = run('check-site.ts', siteDir);
    expect(checked.ok).toBe(false);
    expect(checked.output).toContain('export "leaked" is not wrapped in webMethod');
    expect(checked.output).toContain('import "public/missing" does not resolve');
  } finally {
    cleanup();
  }
});
