import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './run-node';

export interface StandaloneCommand {
  /** node's arguments: its flags, then the built standalone's entry point. */
  args: string[];
  /** What the command sets in the environment. */
  env: Record<string, string>;
}

/**
 * What `npm start` runs once it has built (`[VAR=value ...] node [flags] dist/apps/standalone/main.js`), read from
 * package.json: the tests and benches start standalone as users do, with the same heap limits and allocator settings.
 */
export function standaloneCommand(): StandaloneCommand {
  const { scripts } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const words = scripts.start.split('&&').at(-1)!.trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (/^[A-Z_]+=/.test(words[0])) {
    const [name, value] = words.shift()!.split('=');
    env[name] = value;
  }
  if (words.shift() !== 'node' || !words.at(-1)?.endsWith('.js')) throw new Error(`npm start is not "[VAR=value ...] node [flags] <script>.js": ${scripts.start}`);
  const script = words.pop()!;
  return { args: [...words, path.join(repoRoot, script)], env };
}
