import { AppError, ConfigError } from '@mpp/platform';
import { opsProgram } from './ops.program';

// Operator CLI: `npm run ops -- --help`.
opsProgram()
  .parseAsync(process.argv)
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    if (error instanceof AppError || error instanceof ConfigError) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exit(error instanceof ConfigError ? 78 : 4);
    }
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
