import type { UniversalEvent } from './universal-event';

/**
 * Where finished, already-redacted events go: the delivery engine, the console,
 * the OTLP exporter or a test capture. The processor fans out to every sink.
 *
 * Contract: `accept` runs on the app's thread inside span end, so it must return in
 * microseconds and never throw; `flush` and `shutdown` never reject.
 */
export interface EventSink {
  readonly name: string;
  accept(event: UniversalEvent): void;
  flush(): Promise<void>;
  shutdown(): Promise<void>;
  /** Last-chance synchronous hook on process 'exit': persist whatever is still buffered. */
  exitSync?(): void;
}
