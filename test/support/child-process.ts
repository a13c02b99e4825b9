import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

export interface Started {
  child: ChildProcess;
  /** The URL read from the startup line. */
  url: string;
  /** Everything the process printed so far. */
  output(): string;
}

export function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/**
 * Runs `tsx <script>` from the project root as users run `npm start` / `npm run emulator`, in a process
 * group of its own (so SIGKILL reaches tsx's child too), and resolves with the URL the startup line
 * prints (the first capture group of `ready`).
 */
export async function startScript(script: string, env: Record<string, string>, ready: RegExp): Promise<Started> {
  const child = spawn(TSX, [script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) resolve(match[1]!);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      reject(new Error(`${script} exited (${signal ?? code}) before it was ready; output:\n${output}`)),
    );
  });
  return { child, url, output: () => output };
}

/**
 * Signals the process. SIGKILL goes to the whole group (tsx cannot relay it to the script it runs);
 * SIGTERM to tsx, which relays it, as a terminal's kill would. Resolves when tsx has exited and the
 * group is gone (bounded: killed processes can linger briefly as zombies).
 */
export async function stopScript(child: ChildProcess, signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
  if (!isRunning(child) || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(signal === 'SIGKILL' ? -child.pid : child.pid, signal);
  } catch {
    // Already gone.
  }
  await exited;
  for (let i = 0; i < 200; i++) {
    try {
      process.kill(-child.pid, 0);
    } catch {
      return;
    }
    await sleep(25);
  }
}
