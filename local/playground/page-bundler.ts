import { build, type Plugin } from 'esbuild';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { webModule } from './web-modules';

const root = join(__dirname, '..', '..');
const BROWSER_PRELUDE = join(__dirname, 'browser', 'page-prelude.ts');
const RPC_CLIENT = join(__dirname, 'browser', 'rpc-client.ts');

/**
 * Resolves imports the way Velo does for page code: `backend/<file>.web` becomes a module of stubs
 * that call the web-method RPC, `public/...` is src/public, npm packages are bundled. Relative imports
 * and other backend files are refused, as Wix refuses them.
 */
function veloPagePlugin(): Plugin {
  return {
    name: 'velo-page',
    setup(b) {
      b.onResolve({ filter: /^backend\// }, (args) => {
        const name = args.path.slice('backend/'.length);
        if (!webModule(name)) return { errors: [{ text: `page code may import only web modules, not ${args.path}` }] };
        return { path: name, namespace: 'web-module' };
      });
      b.onLoad({ filter: /.*/, namespace: 'web-module' }, (args) => {
        const stubs = Object.keys(webModule(args.path)!)
          .map(
            (name) =>
              `export const ${name} = (...args) => callWebMethod(${JSON.stringify(args.path)}, ${JSON.stringify(name)}, args);`,
          )
          .join('\n');
        return {
          contents: `import { callWebMethod } from ${JSON.stringify(RPC_CLIENT)};\n${stubs}`,
          loader: 'js',
          resolveDir: root,
        };
      });
      b.onResolve({ filter: /^public\// }, (args) => {
        const path = join(root, 'src', `${args.path}.ts`);
        if (!existsSync(path)) return { errors: [{ text: `${args.path} does not exist in src/public` }] };
        return { path };
      });
    },
  };
}

/**
 * Bundles a page code file for the browser: the DOM-backed `$w` prelude first, then the page file,
 * which calls `$w.onReady(...)`.
 */
export async function bundlePage(pageFile: string): Promise<string> {
  const entry = join(root, 'src', 'pages', pageFile);
  const result = await build({
    stdin: {
      contents: `import ${JSON.stringify(BROWSER_PRELUDE)};\nimport ${JSON.stringify(entry)};`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    minify: false,
    plugins: [veloPagePlugin()],
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** Bundles a browser script of the playground itself (the Inbox console). */
export async function bundleScript(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
