import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository: the nearest folder above with a package.json, from the sources (jest) and from dist/ (benches, npm test) alike. */
export const repoRoot = (function findRoot(dir: string): string {
  return existsSync(path.join(dir, 'package.json')) || path.dirname(dir) === dir ? dir : findRoot(path.dirname(dir));
})(__dirname);

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a built app (dist/...) to its end, as an operator would from a shell. */
export function runBuiltApp(script: string, args: string[], env: Record<string, string | undefined>, timeoutMs = 60_000): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, script), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} ${args.join(' ')} did not finish in ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export const runOps = (args: string[], env: Record<string, string | undefined>) => runBuiltApp('dist/apps/ops/main.js', args, env, 120_000);
