import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  PAGE_FILE_NAME,
  configProblems,
  pageTitle,
  placeholderProblems,
  readSiteConfig,
  siteConfigPath,
  sourcePageNames,
  writeSiteConfig,
  type SiteConfig,
} from './site-config';

/**
 * `npm run configure-site -- [--site-id <guid>] [--page "<Our Page>=<Page Title>.<pageId>"]...
 * [--from <synced pages folder>]`: writes site.config.json (and the site id into wix.config.json, which
 * Wix's Git Integration reads), so `npm run build` names the page files as the site expects.
 * `--from` reads the page files `wix dev` synced (dist/site/src/pages) and maps each of our
 * pages to the site page with the same title; `--page` maps one explicitly and wins over `--from`.
 */

interface Options {
  siteId?: string;
  pages: Record<string, string>;
  from?: string;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { pages: {} };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    if (flag === '--site-id') options.siteId = value();
    else if (flag === '--from') options.from = value();
    else if (flag === '--page') {
      const mapping = value();
      const at = mapping.indexOf('=');
      if (at <= 0) throw new Error(`--page expects "<Our Page>=<Page Title>.<pageId>", got "${mapping}"`);
      options.pages[mapping.slice(0, at)] = mapping.slice(at + 1).replace(/\.js$/, '');
    } else throw new Error(`unknown option ${flag} (use --site-id, --page, --from)`);
  }
  return options;
}

/** Our page → the synced page file with the same title (case-insensitive); unmatched pages are reported. */
function pagesFromSyncedFolder(folder: string, sources: string[]): { pages: Record<string, string>; notes: string[] } {
  if (!existsSync(folder))
    throw new Error(`${folder} does not exist: run \`npm run wix -- dev\` once to sync the site`);
  const synced = readdirSync(folder)
    .filter((name) => name.endsWith('.js') && name !== 'masterPage.js')
    .map((name) => name.replace(/\.js$/, ''))
    .filter((name) => PAGE_FILE_NAME.test(name));
  const pages: Record<string, string> = {};
  const notes: string[] = [];
  for (const source of sources) {
    const title = pageTitle(source).toLowerCase();
    const matches = synced.filter((name) => name !== source && pageTitle(name).toLowerCase() === title);
    if (matches.length === 1) pages[pageTitle(source)] = matches[0]!;
    else {
      notes.push(
        `"${pageTitle(source)}": ${matches.length === 0 ? 'no site page with this title' : `several (${matches.join(', ')})`}; ` +
          `map it with --page "${pageTitle(source)}=<Page Title>.<pageId>" (site pages: ${synced.join(', ') || 'none'})`,
      );
    }
  }
  return { pages, notes };
}

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  const sources = sourcePageNames();
  const config: SiteConfig = readSiteConfig();
  const found = options.from !== undefined ? pagesFromSyncedFolder(resolve(options.from), sources) : undefined;
  const next: SiteConfig = {
    siteId: options.siteId ?? config.siteId,
    pages: { ...config.pages, ...found?.pages, ...options.pages },
  };
  const problems = configProblems(next, sources);
  if (problems.length > 0) throw new Error(problems.join('; '));
  writeSiteConfig(next);
  // The wix.config.json beside the config: the project's (SITE_CONFIG moves both, for tests).
  const wixConfigPath = join(dirname(siteConfigPath()), 'wix.config.json');
  const wixConfig = JSON.parse(readFileSync(wixConfigPath, 'utf8')) as Record<string, unknown>;
  writeFileSync(wixConfigPath, `${JSON.stringify({ ...wixConfig, siteId: next.siteId }, null, 2)}\n`);

  console.log(`Wrote ${siteConfigPath()} and the site id into wix.config.json:`);
  console.log(`  siteId  ${next.siteId}`);
  for (const source of sources)
    console.log(`  ${pageTitle(source).padEnd(16)} → ${next.pages[pageTitle(source)] ?? source}.js`);
  for (const note of found?.notes ?? []) console.log(`  not mapped: ${note}`);
  const left = placeholderProblems(next, sources);
  console.log(
    left.length === 0 ? 'Ready: npm run build -- --deploy' : `Still placeholders (local use only): ${left.join('; ')}`,
  );
}

try {
  main();
} catch (error) {
  console.error(`configure-site: ${(error as Error).message}`);
  process.exit(1);
}
