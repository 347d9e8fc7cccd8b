import { Logger } from '@mpp/platform';

/**
 * Hands the memory malloc holds free back to the system now and then: glibc's `malloc_trim(0)`, called through koffi
 * (a well-kept FFI with prebuilt binaries, nothing to compile on install).
 *
 * Why: V8 compiles on several threads at once (the bundle's code, PGlite's WebAssembly tiering up) in zone segments of
 * about 32 KB that come and go by the thousand. The holes they leave between blocks still in use stay resident: glibc
 * gives back by itself only the top of a heap. In standalone this was 55-75 MB of its resident set at idle, a quarter
 * of it. `MALLOC_MMAP_THRESHOLD_=32768` (each segment its own mapping) gave the same back but doubled start and restart
 * times, a mapping made and unmapped per segment; a trim every few seconds costs a walk over the heaps instead.
 *
 * Where there is no glibc (macOS, musl, Windows) it does nothing. Returns the stop.
 */
export function trimFreedMemoryEvery(intervalMs: number, logger: Logger): () => void {
  const trim = loadMallocTrim(logger);
  if (!trim) return () => undefined;
  // On libuv's thread pool, not this thread: a trim walks every heap and takes about 5 ms here. malloc locks each
  // arena only while it trims it.
  let trimming = false;
  const trimNow = () => {
    if (trimming) return;
    trimming = true;
    trim.async(0, () => (trimming = false));
  };
  trimNow();
  const timer = setInterval(trimNow, intervalMs).unref();
  return () => clearInterval(timer);
}

export interface MallocTrim {
  async(pad: number, done: (error: unknown, result: number) => void): void;
}

export function loadMallocTrim(logger: Logger): MallocTrim | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    // Loaded here, not at the top: only standalone on Linux needs it, and koffi's native binding costs a few ms to load.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const koffi = require('koffi') as typeof import('koffi');
    return koffi.load('libc.so.6').func('int malloc_trim(size_t pad)') as unknown as MallocTrim;
  } catch (error) {
    logger.debug({ err: error }, 'malloc_trim is not available here (not glibc); freed memory is left to malloc');
    return undefined;
  }
}
