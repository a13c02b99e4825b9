import { dirname, posix, relative, resolve } from 'node:path';

/** The folders of a Velo site's code, and the specifier prefix Velo resolves each from. */
export const VELO_FOLDERS = ['backend', 'pages', 'public'] as const;

/**
 * Turns a relative import in a site file into the absolute specifier Velo resolves
 * (`./lib/site-error` in src/backend → `backend/lib/site-error`). Velo page code cannot import
 * relative paths, so the build writes every site import in this form. Other specifiers
 * (`backend/...`, `public/...`, `@wix/...`, `wix-...`, npm packages) are kept as they are.
 */
export function toVeloSpecifier(specifier: string, importerPath: string, srcRoot: string): string {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return specifier;
  const target = relative(srcRoot, resolve(dirname(importerPath), specifier))
    .split('\\')
    .join('/');
  const top = target.split('/')[0];
  if (!VELO_FOLDERS.includes(top as (typeof VELO_FOLDERS)[number]) || top === 'pages') {
    throw new Error(`${importerPath}: import "${specifier}" leaves the backend/public folders (${target}).`);
  }
  return posix.normalize(target);
}
