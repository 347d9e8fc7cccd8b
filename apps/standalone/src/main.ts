import './tracing';
import { openStandaloneDataEarly } from '@mpp/runtime/standalone-data';

// `npm start`: the whole platform in one process on embedded defaults (PGlite under ./data, no Kafka).
// The database first: PostgreSQL starts on PGlite's own thread (about half a second) while this thread loads the
// platform's code (about as long). The code is loaded only after the thread is under way (setImmediate runs once
// the database's opening has gone as far as it can without waiting), else the one would wait for the other.
openStandaloneDataEarly();
setImmediate(() => {
  import('./platform')
    .then(({ runPlatform }) => runPlatform())
    .catch((error: unknown) => {
      process.stderr.write(`standalone failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    });
});
