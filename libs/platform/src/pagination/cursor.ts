import type { Page } from '@mpp/contracts';
import { AppError } from '../errors/app-error';

/** Opaque list cursors: the keyset of the last item, as base64url JSON. */
export function encodeCursor(position: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

type CursorField = 'string' | 'number' | 'timestamp';

const fits: Record<CursorField, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string' && v.length <= 500,
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  // Checked here so a crafted cursor is a 400, not a database error.
  timestamp: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(v) && !Number.isNaN(Date.parse(v)),
};

/** Reads a cursor a client sent back, field by field; anything we did not make is a 400 INVALID_CURSOR. */
export function decodeCursor<T extends Record<string, string | number>>(
  cursor: string | undefined,
  shape: Record<keyof T, CursorField>,
): T | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as T;
    const keys = Object.keys(shape) as (keyof T)[];
    if (typeof value === 'object' && value !== null && keys.every((k) => fits[shape[k]](value[k]))) return value;
  } catch {
    // falls through to the refusal
  }
  throw AppError.badInput('the cursor is not one this API gave out', [{ field: 'cursor', message: 'invalid cursor' }], 'INVALID_CURSOR');
}

export type { Page };

/** Cuts a list fetched with limit + 1 rows into a page and the cursor of its last item. */
export function toPage<T>(rows: T[], limit: number, cursorOf: (item: T) => Record<string, string | number>): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(cursorOf(items[items.length - 1])) : null };
}
