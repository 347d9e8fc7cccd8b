import { ChildProcess, spawn } from 'node:child_process';
import { eventually } from '../api-client';
import { standaloneCommand } from '../standalone-command';

export interface StandaloneProcess {
  child: ChildProcess;
  baseUrl: string;
  /** Everything it printed so far: its start-up line, and the stack of a request that failed. */
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts the built standalone as `npm start` runs it, on a data directory and port, and waits until it serves. */
export async function startStandaloneProcess(env: { DATA_DIR: string; PORT: number; JWT_SECRET: string; PLATFORM_BOOTSTRAP_REVIEWER: string }): Promise<StandaloneProcess> {
  const command = standaloneCommand();
  const child = spawn(process.execPath, command.args, {
    env: { ...process.env, ...command.env, LOG_LEVEL: 'warn', ...env, PORT: String(env.PORT) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-200_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  try {
    await eventually(async () => (output.includes('is running') ? true : child.exitCode !== null ? Promise.reject(new Error(output)) : undefined), 120_000, 'standalone start-up');
  } catch (error) {
    await stop();
    throw error;
  }
  return { child, baseUrl: `http://127.0.0.1:${env.PORT}`, output: () => output, stop };
}
