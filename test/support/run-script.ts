import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

/** Runs `tsx scripts/<script>` from the project root as npm would; never throws, returns all it printed. */
export function runScript(
  script: string,
  env: Record<string, string>,
  args: string[] = [],
): { ok: boolean; output: string } {
  try {
    const output = execFileSync(tsx, [join(root, 'scripts', script), ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { ok: true, output };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string };
    return { ok: false, output: failed.stdout + failed.stderr };
  }
}
