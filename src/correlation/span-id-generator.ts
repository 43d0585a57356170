import type { IdGenerator } from '@opentelemetry/sdk-trace-base';
import { randomHex } from './random-id';

/**
 * Trace and span ids from the agent's pool of cryptographically secure random bytes. The SDK's
 * default draws them from `Math.random` and encodes them with `Buffer#toString('hex')`, a call
 * into C++ for each id (~2.7k instructions per span in the pipeline bench under callgrind); here
 * an id is a few table reads and one `String.fromCharCode`, and it is not predictable.
 */
export class PooledIdGenerator implements IdGenerator {
  generateTraceId(): string {
    return randomHex(16);
  }

  generateSpanId(): string {
    return randomHex(8);
  }
}
