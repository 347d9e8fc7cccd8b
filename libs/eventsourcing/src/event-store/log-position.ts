/** A SQL store's log position: the committing transaction's id and the event's sequence number, as "tx:seq". */
export interface SqlLogPosition {
  transactionId: string;
  globalPosition: number;
}

export const LOG_START: SqlLogPosition = { transactionId: '0', globalPosition: 0 };

export function formatLogPosition(position: SqlLogPosition): string {
  return `${position.transactionId}:${position.globalPosition}`;
}

export function parseLogPosition(position: string | null | undefined): SqlLogPosition {
  if (!position) return LOG_START;
  const match = /^(\d+):(\d+)$/.exec(position);
  if (!match) throw new Error(`not a log position of the SQL event store: ${position}`);
  return { transactionId: match[1], globalPosition: Number(match[2]) };
}
