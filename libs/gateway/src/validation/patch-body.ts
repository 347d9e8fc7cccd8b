import { AppError } from '@mpp/platform';

/**
 * The fields a PATCH body sets (its DTO's other properties exist but are undefined); 400 naming the body when
 * it sets none, so a PATCH always changes something or says why not.
 */
export function changesOf<T extends object>(body: T): Partial<T> {
  const changes = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) as Partial<T>;
  if (Object.keys(changes).length === 0) throw AppError.badInput('The request is not valid.', [{ field: '(body)', message: 'send at least one field to change' }]);
  return changes;
}
