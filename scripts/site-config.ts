import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * `site.config.json`: what ties this package to one Wix site, so deploying needs no hand-editing:
 * - `siteId`: the site's id (the GUID in the editor URL); the build writes it into wix.config.json;
 * - `pages`: our page (the title of its file in src/pages) → the file name Wix gives that page on the
 *   site, `<Page Title>.<pageId>` (Wix ignores, and `wix dev` deletes, page files that match no page).
 * A page left at its source name and the all-zero site id are placeholders: fine for local builds and
 * tests, refused by `npm run build -- --deploy` and `npm run check:site -- --deploy`.
 */

export const projectRoot = resolve(__dirname, '..');
export const SITE_CONFIG_FILE = 'site.config.json';
export const PLACEHOLDER_SITE_ID = '00000000-0000-4000-8000-000000000000';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A Velo page code file name without `.js`: `<Page Title>.<pageId>`; the id has no dots. */
export const PAGE_FILE_NAME = /^[^/\\.]+\.[a-z0-9]+$/i;

export interface SiteConfig {
  siteId: string;
  pages: Record<string, string>;
}

/** Our page files (`Contact.c1dmp`, ...), without extension: the names the local build keeps. */
export function sourcePageNames(root = projectRoot): string[] {
  return readdirSync(join(root, 'src', 'pages'))
    .filter((name) => name.endsWith('.ts') && name !== 'masterPage.ts')
    .map((name) => name.replace(/\.ts$/, ''));
}

/** `Contact.c1dmp` → `Contact`. */
export function pageTitle(pageName: string): string {
  return pageName.slice(0, pageName.lastIndexOf('.'));
}

/** The config file: SITE_CONFIG overrides it (tests build with their own). */
export function siteConfigPath(root = projectRoot): string {
  return process.env.SITE_CONFIG ? resolve(process.env.SITE_CONFIG) : join(root, SITE_CONFIG_FILE);
}

export function readSiteConfig(root = projectRoot): SiteConfig {
  const config = JSON.parse(readFileSync(siteConfigPath(root), 'utf8')) as Partial<SiteConfig>;
  const problems = configProblems(config, sourcePageNames(root));
  if (problems.length > 0) throw new Error(`${SITE_CONFIG_FILE}: ${problems.join('; ')}`);
  return config as SiteConfig;
}

export function writeSiteConfig(config: SiteConfig, root = projectRoot): void {
  writeFileSync(siteConfigPath(root), `${JSON.stringify(config, null, 2)}\n`);
}

/** Shape problems: a site id that is not a GUID, an unknown page, a file name Wix would not match. */
export function configProblems(config: Partial<SiteConfig>, sources: string[]): string[] {
  const problems: string[] = [];
  if (typeof config.siteId !== 'string' || !UUID.test(config.siteId)) problems.push('siteId must be a GUID');
  const titles = sources.map(pageTitle);
  for (const [page, file] of Object.entries(config.pages ?? {})) {
    if (!titles.includes(page)) problems.push(`pages: "${page}" is not one of our pages (${titles.join(', ')})`);
    if (typeof file !== 'string' || !PAGE_FILE_NAME.test(file)) {
      problems.push(`pages.${page}: "${String(file)}" is not a page file name "<Page Title>.<pageId>"`);
    }
  }
  return problems;
}

/** What still stands in for the real site: fine locally, refused for a deploy. */
export function placeholderProblems(config: SiteConfig, sources: string[]): string[] {
  const problems: string[] = [];
  if (config.siteId === PLACEHOLDER_SITE_ID) problems.push(`siteId is the placeholder ${PLACEHOLDER_SITE_ID}`);
  for (const source of sources) {
    const mapped = config.pages[pageTitle(source)] ?? source;
    if (mapped === source) problems.push(`page "${pageTitle(source)}" still has the placeholder file name ${source}`);
  }
  return problems;
}

/** The deployed file name of one of our pages: its mapping, or its source name when unmapped. */
export function deployedPageName(source: string, config: SiteConfig): string {
  return config.pages[pageTitle(source)] ?? source;
}
