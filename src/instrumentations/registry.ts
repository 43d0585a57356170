import type { Instrumentation } from '@opentelemetry/instrumentation';
import type { InstrumentationName } from '../config/config';
import { createExpressInstrumentation } from './express';
import { createFastifyInstrumentation } from './fastify';
import { createHttpInstrumentation } from './http';
import type { InstrumentationContext } from './instrumentation-context';
import type { OwnInstrumentation } from './own-instrumentation';
import { createPgInstrumentation } from './pg';
import { createUndiciInstrumentation } from './undici';

export type BuiltInstrumentation = { name: InstrumentationName } & (
  { kind: 'otel'; instrumentation: Instrumentation } | { kind: 'own'; instrumentation: OwnInstrumentation }
);

/**
 * Name -> lazy factory. A factory `require`s its instrumentation package only when called,
 * so a disabled instrumentation costs nothing at start-up. Names without a factory yet
 * (bullmq, bull, pino, winston) are accepted by the config and built by later work.
 */
type Built = { kind: 'otel'; instrumentation: Instrumentation } | { kind: 'own'; instrumentation: OwnInstrumentation };

const factories: Partial<Record<InstrumentationName, (ctx: InstrumentationContext) => Built>> = {
  http: (ctx) => ({ kind: 'otel', instrumentation: createHttpInstrumentation(ctx) }),
  undici: (ctx) => ({ kind: 'otel', instrumentation: createUndiciInstrumentation(ctx) }),
  pg: (ctx) => ({ kind: 'otel', instrumentation: createPgInstrumentation(ctx) }),
  express: (ctx) => ({ kind: 'otel', instrumentation: createExpressInstrumentation(ctx) }),
  fastify: () => ({ kind: 'own', instrumentation: createFastifyInstrumentation() }),
};

export function buildInstrumentations(names: readonly InstrumentationName[], ctx: InstrumentationContext): BuiltInstrumentation[] {
  const built: BuiltInstrumentation[] = [];
  for (const name of names) {
    const factory = factories[name];
    if (factory) built.push({ name, ...factory(ctx) });
  }
  return built;
}
