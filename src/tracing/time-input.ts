import type { TimeInput } from '@opentelemetry/api';
import { hrTimeToMilliseconds, isTimeInputHrTime } from '@opentelemetry/core';

/**
 * An API `TimeInput` as epoch milliseconds, read the way the SDK reads it: a number not after
 * `performance.now()` is a performance timestamp, a larger one is epoch milliseconds, a `Date`
 * its time, an `HrTime` its value. Anything else is "now".
 */
export function epochMsOf(input: TimeInput): number {
  if (typeof input === 'number') return input <= performance.now() ? input + (Date.now() - performance.now()) : input;
  if (input instanceof Date) return input.getTime();
  if (isTimeInputHrTime(input)) return hrTimeToMilliseconds(input);
  return Date.now();
}
