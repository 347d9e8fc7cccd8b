import { AppError } from '@mpp/platform';
import { checkRange, MAX_RANGE_DAYS } from './periods';

const RANGE_MESSAGES = {
  INVALID_DATE: 'from and to must be real UTC dates, YYYY-MM-DD',
  FROM_AFTER_TO: 'from must not be after to',
  RANGE_TOO_LONG: `from and to may be at most ${MAX_RANGE_DAYS} days apart`,
} as const;

/** Refuses a range API.md does not allow (400 with the problem as its code: INVALID_DATE, FROM_AFTER_TO, RANGE_TOO_LONG). */
export function requireRange(from: string, to: string): void {
  const checked = checkRange(from, to);
  if ('problem' in checked) throw AppError.badInput(RANGE_MESSAGES[checked.problem], [{ field: checked.problem === 'INVALID_DATE' ? 'from' : 'to', message: RANGE_MESSAGES[checked.problem] }], checked.problem);
}
