import { startTracing } from '@mpp/platform';

// Imported first by main.ts: the instrumentations patch http and pg only as they are first loaded.
startTracing('miniprograms');
