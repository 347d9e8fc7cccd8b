/** The strong ETag of a resource version: `"3"`. */
export function etagFor(version: number): string {
  return `"${version}"`;
}

/** The version of a handler's answer when it is a resource that carries one. */
export function versionOf(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null || !('version' in body)) return undefined;
  const { version } = body;
  return typeof version === 'number' && Number.isSafeInteger(version) && version >= 0 ? version : undefined;
}

/** Whether If-None-Match (`*`, or a list of tags, weak or strong) names this version. */
export function ifNoneMatchMatches(header: string | undefined, version: number): boolean {
  if (header === undefined) return false;
  const etag = etagFor(version);
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}
