import { ConfigError, Logger, stopTracing } from '@mpp/platform';

/** Reads configuration; a ConfigError stops the process with a message naming the variable. */
export function exitOnConfigError<T>(logger: Logger, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ConfigError || (error as Error)?.name === 'ConfigError') {
      const { variable, message } = error as ConfigError;
      logger.fatal({ variable }, message);
      process.stderr.write(`${message}\n`);
      process.exit(78);
    }
    throw error;
  }
}

/** Stops cleanly on SIGINT/SIGTERM, once, then sends the spans not exported yet; a second signal exits at once. */
export function onShutdown(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stop()
      .then(() => stopTracing())
      .then(() => process.exit(0))
      .catch((error) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => handler('SIGINT'));
  process.on('SIGTERM', () => handler('SIGTERM'));
}
