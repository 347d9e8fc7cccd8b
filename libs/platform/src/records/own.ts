/**
 * The value a plain-object record holds under `key`, or undefined when it holds none.
 *
 * Records keyed by ids that come from requests (members, versions, invitations) must be read through this:
 * `record[key]` also finds what every object inherits, so ids such as `constructor`, `toString` or `__proto__`
 * would name something that exists. Records stay plain objects because aggregate state is also stored as JSON.
 * (Writing them with spreads and computed keys, `{ ...record, [key]: value }`, is safe: that defines an own
 * property, even for `__proto__`, and never changes the record's prototype.)
 */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
