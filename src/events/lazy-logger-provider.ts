import type { Logger, LoggerOptions, LoggerProvider, LogRecord } from '@opentelemetry/api-logs';

/**
 * A global LoggerProvider that loads the logs SDK only when the first record is emitted:
 * pino and winston instrumentations need a provider registered at start, but an app that
 * never logs through them should not pay for loading `@opentelemetry/sdk-logs`.
 */
export class LazyLoggerProvider implements LoggerProvider {
  constructor(private readonly realProvider: () => LoggerProvider) {}

  getLogger(name: string, version?: string, options?: LoggerOptions): Logger {
    let real: Logger | undefined;
    const provider = this.realProvider;
    return {
      emit(record: LogRecord): void {
        real ??= provider().getLogger(name, version, options);
        real.emit(record);
      },
      enabled: () => true,
    };
  }
}
