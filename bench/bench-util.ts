/* Small helpers shared by the benchmarks: settings from the environment, timing, concurrent writers, output. */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { NewEvent } from '@mpp/eventsourcing';

/** A positive integer from the environment, or the default when unset. */
export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

/** A comma-separated list of numbers from the environment, e.g. BENCH_RATES=100,200,300; empty means none. */
export function envInts(name: string, fallback: string): number[] {
  return (process.env[name] ?? fallback).split(',').filter(Boolean).map(Number);
}

/** How long `work` took (monotonic clock) and how busy this Node process was meanwhile (1 = one core). */
export interface Timing {
  ms: number;
  clientCpu: number;
}

export async function timed(work: () => Promise<unknown>): Promise<Timing> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { ms, clientCpu: (used.user + used.system) / 1000 / ms };
}

/** Splits `total` units between `writers` as evenly as possible (the first ones get the remainder). */
export function split(total: number, writers: number): number[] {
  return Array.from({ length: writers }, (_, w) => Math.floor(total / writers) + (w < total % writers ? 1 : 0));
}

/**
 * Runs one loop per writer at the same time; times them until the last one ends.
 * `prepare` runs before the clock starts, so building payloads is not measured as store time.
 */
export async function runWriters<Prepared>(
  shares: number[],
  prepare: (writer: number, count: number) => Prepared,
  work: (writer: number, prepared: Prepared) => Promise<void>,
): Promise<Timing> {
  const prepared = shares.map((count, writer) => prepare(writer, count));
  return timed(() => Promise.all(prepared.map((p, writer) => work(writer, p))));
}

/** Runs `work` over `items` with at most `concurrency` in flight (a shared queue: fast workers take more). */
export async function forEachConcurrent<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/** A realistic event of a few hundred bytes: an order line with correlation metadata, as the services write them. */
export function sampleEvent(sequence: number): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'OrderLineAdded',
    data: {
      orderId: `order-${sequence >> 4}`,
      sku: `SKU-${(sequence * 7919) % 100_000}`,
      quantity: 1 + (sequence % 5),
      unitPriceCents: 199 + (sequence % 997),
      currency: 'EUR',
      note: 'bench payload',
    },
    metadata: {
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actor: { accountId: `acc-${sequence % 1000}`, platformRoles: ['buyer'] },
      occurredAt: new Date().toISOString(),
    },
  };
}

export const perSecond = (units: number, ms: number) => (units * 1000) / ms;
export const formatRate = (rate: number, unit = 'ev/s') => `${Math.round(rate).toLocaleString('en-US')} ${unit}`;
export const formatCount = (n: number) => n.toLocaleString('en-US');

/** A line of the final table; `pass` is undefined for figures without a target. */
export interface ResultRow {
  backend: string;
  figure: string;
  value: string;
  target: string;
  pass?: boolean;
}

/** Prints rows as a fixed-width table. */
export function printTable(rows: ResultRow[]): void {
  const header = ['backend', 'figure', 'value', 'target', 'result'];
  const cells = rows.map((r) => [r.backend, r.figure, r.value, r.target, r.pass === undefined ? '' : r.pass ? 'PASS' : 'MISS']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((v, i) => (i === 2 ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join(' | ');
  process.stdout.write(`${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('-+-')}\n`);
  for (const c of cells) process.stdout.write(`${line(c)}\n`);
}

export const percent = (fraction: number) => `${Math.round(fraction * 100)}%`;

export const log = (message: string) => process.stdout.write(`${message}\n`);

/** The middle sample; of an even count, the mean of the two middle ones (bench:ordering's default of 4 rounds). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** "median (min–max, n=…)" of several runs, or the one value: the spread tells how noisy the machine was. */
export function medianAndSpread(values: number[], unit: string, digits = 0): string {
  const f = (v: number) => v.toFixed(digits);
  return values.length > 1 ? `${f(median(values))} ${unit} (${f(Math.min(...values))}–${f(Math.max(...values))}, n=${values.length})` : `${f(values[0])} ${unit}`;
}
