import { transform } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { deployedPageName, placeholderProblems, readSiteConfig, sourcePageNames, type SiteConfig } from './site-config';
import { toVeloSpecifier } from './velo-specifiers';

/**
 * `npm run build`: writes the deployable Velo site to dist/site — wix.config.json, a package.json with
 * the runtime dependencies, src/{backend,pages,public} as ES-module JavaScript, and the backend's
 * configuration files as they are (backend/jobs.config, the scheduled jobs). TypeScript is the
 * source; Wix runs only JavaScript (docs/decisions/0005-typescript-to-velo.md). The site id and the page
 * file names come from site.config.json (scripts/site-config.ts); `--deploy` refuses placeholders.
 */

const root = resolve(__dirname, '..');
const srcRoot = join(root, 'src');
/** SITE_DIR overrides the output folder (tests build into a temporary one). */
const outRoot = process.env.SITE_DIR ? resolve(process.env.SITE_DIR) : join(root, 'dist', 'site');

/** npm packages the site code imports at run time on Wix. */
const RUNTIME_DEPENDENCIES = [
  '@wix/auto_sdk_crm_contacts',
  '@wix/auto_sdk_crm_submitted-contact',
  '@wix/auto_sdk_members_members',
  '@wix/data',
  '@wix/essentials',
  '@wix/inbox',
  '@wix/secrets',
  '@wix/web-methods',
  'zod',
];

/** Velo configuration files in src/backend, deployed unchanged. */
const BACKEND_CONFIG_FILES = ['jobs.config'];

const IMPORT_PATTERN = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"]+)\2/g;

function siteSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'types' && dir === srcRoot ? [] : siteSources(path);
    const isSource = entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.test.ts');
    return isSource ? [path] : [];
  });
}

/** Where a source file goes in dist/site/src: pages take the file name the site gives them. */
function outputPath(path: string, config: SiteConfig): string {
  const relativePath = relative(srcRoot, path).replace(/\.ts$/, '');
  const [folder, name] = relativePath.split(/[\\/]/);
  const deployed =
    folder === 'pages' && name !== 'masterPage' ? join('pages', deployedPageName(name!, config)) : relativePath;
  return join(outRoot, 'src', `${deployed}.js`);
}

async function buildFile(path: string, config: SiteConfig): Promise<string> {
  const source = readFileSync(path, 'utf8');
  const { code } = await transform(source, {
    loader: 'ts',
    // No `format`: esbuild then keeps each export where it is written. With `format: 'esm'` it gathers
    // them into one `export { ... }` list, which is not the form Wix documents for events.js.
    target: 'es2020',
    sourcefile: relative(root, path),
    tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: false } },
  });
  const rewritten = code.replace(
    IMPORT_PATTERN,
    (_m, head: string, quote: string, spec: string) => `${head}${quote}${toVeloSpecifier(spec, path, srcRoot)}${quote}`,
  );
  const out = outputPath(path, config);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, rewritten);
  return out;
}

function sitePackageJson(): string {
  const project = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const dependencies = Object.fromEntries(
    RUNTIME_DEPENDENCIES.map((name) => {
      const version = project.dependencies[name];
      if (!version) throw new Error(`runtime dependency ${name} is missing from package.json dependencies`);
      return [name, version];
    }),
  );
  return `${JSON.stringify({ name: 'wix-inbox-connector-site', private: true, dependencies }, null, 2)}\n`;
}

/** wix.config.json for the site: the project's, with the site id from site.config.json. */
function wixConfigJson(config: SiteConfig): string {
  const wixConfig = JSON.parse(readFileSync(join(root, 'wix.config.json'), 'utf8')) as Record<string, unknown>;
  return `${JSON.stringify({ ...wixConfig, siteId: config.siteId }, null, 2)}\n`;
}

async function main(): Promise<void> {
  const config = readSiteConfig(root);
  if (process.argv.includes('--deploy')) {
    const placeholders = placeholderProblems(config, sourcePageNames(root));
    if (placeholders.length > 0) {
      throw new Error(
        `Not built for deploy: ${placeholders.join('; ')}. Set them with \`npm run configure-site\` (README, "Build and deploy").`,
      );
    }
  }
  // Only src/ is rebuilt: wix.lock and .wix/, written by the Wix CLI in dist/site, are kept.
  rmSync(join(outRoot, 'src'), { recursive: true, force: true });
  mkdirSync(outRoot, { recursive: true });
  writeFileSync(join(outRoot, 'wix.config.json'), wixConfigJson(config));
  writeFileSync(join(outRoot, 'package.json'), sitePackageJson());
  const written = await Promise.all(siteSources(srcRoot).map((path) => buildFile(path, config)));
  for (const name of BACKEND_CONFIG_FILES.filter((file) => existsSync(join(srcRoot, 'backend', file)))) {
    copyFileSync(join(srcRoot, 'backend', name), join(outRoot, 'src', 'backend', name));
    written.push(name);
  }
  console.log(`Built ${written.length} site files into ${relative(root, outRoot)}/`);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
