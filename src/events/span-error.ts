import { SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { EventError } from './universal-event';

/** The span's recorded exception, else its error status as a plain error. */
export function spanError(span: ReadableSpan): EventError | undefined {
  for (const event of span.events) {
    if (event.name !== 'exception' || !event.attributes) continue;
    const a = event.attributes;
    const type = a['exception.type'];
    const message = a['exception.message'];
    const stack = a['exception.stacktrace'];
    return {
      type: typeof type === 'string' ? type : 'Error',
      message: typeof message === 'string' ? message : '',
      ...(typeof stack === 'string' ? { stack } : {}),
    };
  }
  if (span.status.code === SpanStatusCode.ERROR && span.status.message) {
    return { type: 'Error', message: span.status.message };
  }
  return undefined;
}
