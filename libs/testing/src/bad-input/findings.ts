import fc from 'fast-check';
import { BadRequest, Defect } from './bad-requests';
import { HttpAnswer, HttpRequest } from './request-builder';

export type FindingKind = 'no-answer' | 'server-error' | 'accepted' | 'media-type-read' | 'not-problem-json';

const HEADINGS: Record<FindingKind, string> = {
  'no-answer': 'No answer (the connection failed or a minute passed)',
  'server-error': '5xx: bad input answered with a server error',
  accepted: '2xx/3xx: bad input accepted',
  'media-type-read': 'A body of the wrong media type not refused with 415 (read as another body, or refused otherwise)',
  'not-problem-json': '4xx without application/problem+json and a stable code',
};

// Answers that refuse a body of the wrong media type before reading it, or refuse the caller first.
const REFUSED_UNREAD = [401, 403, 404, 405, 413, 415];

/** What is wrong with the answer to a bad request, if anything. */
export function judge(defect: Defect, answer: HttpAnswer): FindingKind | undefined {
  if (answer.status === 0) return 'no-answer';
  if (answer.status >= 500) return 'server-error';
  if (answer.status < 400) return 'accepted';
  const code = (answer.body as { code?: unknown } | undefined)?.code;
  if (!answer.contentType.startsWith('application/problem+json') || typeof code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(code)) return 'not-problem-json';
  if (defect.cls === 'wrong-media-type' && !REFUSED_UNREAD.includes(answer.status)) return 'media-type-read';
  return undefined;
}

/** Where the defect sits, for a reader: `path {version}`, `body email`, `query limit`... */
export function whereOf(d: Defect): string {
  if (d.in === 'path') return `path {${d.param}}`;
  if (d.in === 'query') return `query ${d.param}`;
  if (d.in === 'header') return `header ${d.name}`;
  if (d.in === 'media') return `content-type ${d.contentType ?? '(none)'}`;
  if (d.in === 'body-text') return 'whole body';
  const path = 'set' in d ? d.set : 'drop' in d ? d.drop : [...d.add, d.name];
  return `body ${path.join('.') || '(root)'}`;
}

/** For an over-long text that was accepted: the length the answer echoes, when shorter than what was sent. */
export function cutTo(defect: Defect, answer: HttpAnswer): number | undefined {
  if (defect.in !== 'body' || !('set' in defect) || defect.cls !== 'over-limit') return undefined;
  const echoed = defect.set.reduce<unknown>((at, key) => (typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined), answer.body);
  const sent = (defect.value as { times: number }).times;
  return typeof echoed === 'string' && echoed.length < sent ? echoed.length : undefined;
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text);

// Binary bodies (an image, a zip) as their size; text as JSON, so that NUL and surrogates show as escapes.
const shown = (body: Buffer) => (body.subarray(0, 200).some((b) => b < 0x09) ? `(${body.length} bytes, binary)` : JSON.stringify(clip(body.toString('utf8'), 120)));

/** One line of the concrete request, cut short. */
export function describeRequest(request: BadRequest, http: HttpRequest): string {
  const body = http.body ? ` ${http.headers['content-type'] ?? '(no content-type)'} ${shown(http.body)}` : '';
  return `${http.method} ${clip(http.path, 160)} as ${request.actor}${http.headers['if-match'] ? ` if-match ${http.headers['if-match']}` : ''}${body}`;
}

interface Finding {
  kind: FindingKind;
  op: string;
  cls: string;
  status: number;
  code: string;
  count: number;
  where: Set<string>;
  first: { run: number; request: string; counterexample: string };
}

/** A change between two readings of the readable state, and the requests that came between them. */
export interface StateChange {
  read: string;
  change: string;
  after: string[];
}

/** Every finding of a run, de-duplicated by operation, class, status and code, with the first example of each. */
export class Findings {
  private readonly byKey = new Map<string, Finding>();
  readonly stateChanges: StateChange[] = [];

  /** Records a finding; true when it is the first of its kind. */
  add(kind: FindingKind, run: number, request: BadRequest, http: HttpRequest, answer: HttpAnswer): boolean {
    const cut = cutTo(request.defect, answer);
    const code = cut !== undefined ? `(silently cut to ${cut} characters)` : String((answer.body as { code?: unknown } | undefined)?.code ?? (answer.status === 0 ? clip(String(answer.body), 80) : '-'));
    const key = [kind, request.op, request.defect.cls, answer.status, code].join('|');
    const known = this.byKey.get(key);
    if (known) {
      known.count++;
      known.where.add(whereOf(request.defect));
      return false;
    }
    const first = { run, request: describeRequest(request, http), counterexample: clip(fc.stringify(request), 400) };
    this.byKey.set(key, { kind, op: request.op, cls: request.defect.cls, status: answer.status, code, count: 1, where: new Set([whereOf(request.defect)]), first });
    return true;
  }

  get size(): number {
    return this.byKey.size + this.stateChanges.length;
  }

  /** The report: findings grouped by kind, then operation, each with its first request and fast-check's value. */
  summary(header: string): string {
    const lines = [header];
    for (const kind of Object.keys(HEADINGS) as FindingKind[]) {
      const found = [...this.byKey.values()].filter((f) => f.kind === kind).sort((a, b) => a.op.localeCompare(b.op) || a.cls.localeCompare(b.cls));
      if (!found.length) continue;
      lines.push('', `${HEADINGS[kind]}: ${new Set(found.map((f) => f.op)).size} operations`);
      let op = '';
      for (const f of found) {
        if (f.op !== op) lines.push(`  ${(op = f.op)}`);
        lines.push(`    ${f.cls} → ${f.status} ${f.code} ×${f.count} at ${[...f.where].join(', ')}`, `      run ${f.first.run}: ${f.first.request}`, `      value: ${f.first.counterexample}`);
      }
    }
    if (this.stateChanges.length) lines.push('', `Readable state changed: ${this.stateChanges.length} reads answered otherwise`, ...this.stateChangeLines());
    return lines.join('\n');
  }

  // Changes grouped by the requests they came after; reads that differ only in the actor are one line.
  private stateChangeLines(): string[] {
    const groups = new Map<string, Map<string, { actors: string[]; change: string }>>();
    for (const { read, change, after } of this.stateChanges) {
      const cause = after.length ? after.join('; ') : 'no accepted or failed write: a refused request (4xx) changed it';
      let reads = groups.get(cause);
      if (!reads) groups.set(cause, (reads = new Map()));
      const [actor, ...rest] = read.split(' ');
      const key = `${rest.join(' ')}: ${change}`;
      reads.set(key, { actors: [...(reads.get(key)?.actors ?? []), actor], change: key });
    }
    return [...groups].flatMap(([cause, reads]) => [
      `  after ${cause}`,
      ...[...reads.values()].slice(0, 6).map((r) => `    ${clip(r.change, 300)} (as ${r.actors.join(', ')})`),
      ...(reads.size > 6 ? [`    …and ${reads.size - 6} more reads`] : []),
    ]);
  }
}
