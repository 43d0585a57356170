/** The one validated, frozen configuration every module receives. Only `resolve-config` reads the environment. */
export const exporterNames = ['ezlogs', 'otlp', 'console', 'none'] as const;
export type ExporterName = (typeof exporterNames)[number];

export const instrumentationNames = ['http', 'undici', 'pg', 'bullmq', 'bull', 'express', 'fastify', 'pino', 'winston'] as const;
export type InstrumentationName = (typeof instrumentationNames)[number];

import type { CustomRule } from '../redaction/custom-rules';

export const detectorNames = ['email', 'card', 'ssn', 'phone', 'iban', 'jwt', 'secret', 'bearer'] as const;

export interface Config {
  endpoint: string;
  apiKey: string | undefined;
  serviceName: string;
  serviceVersion: string | undefined;
  environment: string;
  exporters: readonly ExporterName[];
  format: 'events' | 'log-ingestion';
  sampleRate: number;
  batchSize: number;
  flushIntervalMs: number;
  bufferSize: number;
  compression: 'gzip' | 'none';
  compressionThreshold: number;
  timeoutMs: number;
  maxConnections: number;
  retryAttempts: number;
  circuitThreshold: number;
  circuitTimeoutMs: number;
  spoolDir: string;
  spoolMaxBytes: number;
  redactKeys: readonly string[];
  /** Detector names enabled; `['none']` disables every value detector. */
  redactPatterns: readonly string[];
  /** Extra value rules (`name=regex`), applied like the built-in detectors. */
  redactRules: readonly CustomRule[];
  /** Built-in detectors to turn off, keeping the others. */
  redactDisable: readonly string[];
  maskActorEmail: boolean;
  maxEventBytes: number;
  maxStringLength: number;
  instrumentations: readonly InstrumentationName[];
  ignorePaths: readonly string[];
  shutdownTimeoutMs: number;
  debug: boolean;
  disabled: boolean;
  /** Set by a parent process through `forkContext()`: the context a forked script continues. */
  parentContext: string | undefined;
}
