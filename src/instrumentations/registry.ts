import type { InstrumentationBase } from '@opentelemetry/instrumentation';
import type { InstrumentationName } from '../config/config';
import type * as PinoModule from '@opentelemetry/instrumentation-pino';
import type * as WinstonModule from '@opentelemetry/instrumentation-winston';
import { BullInstrumentation } from './bull';
import { BullMqInstrumentation } from './bullmq';
import { createExpressInstrumentation } from './express';
import { createFastifyInstrumentation } from './fastify';
import { continueIfSandboxChild } from './job-sandbox-child';
import { createHttpChannelsInstrumentation } from './http-channels';
import { isInstalledForApp } from './installed-packages';
import type { InstrumentationContext } from './instrumentation-context';
import type { OwnInstrumentation } from './own-instrumentation';
import { PgInstrumentation } from './pg';
import { createUndiciInstrumentation } from './undici';

export type BuiltInstrumentation = { name: InstrumentationName } & (
  { kind: 'otel'; instrumentation: InstrumentationBase } | { kind: 'own'; instrumentation: OwnInstrumentation }
);

/**
 * Name -> lazy factory. A factory `require`s its instrumentation package only when called,
 * and only for packages the app has installed, so a disabled or irrelevant instrumentation
 * costs nothing at start-up.
 */
type Built = { kind: 'otel'; instrumentation: InstrumentationBase } | { kind: 'own'; instrumentation: OwnInstrumentation };

const factories: Partial<Record<InstrumentationName, (ctx: InstrumentationContext) => Built>> = {
  http: (ctx) => ({ kind: 'own', instrumentation: createHttpChannelsInstrumentation(ctx) }),
  undici: (ctx) => ({ kind: 'otel', instrumentation: createUndiciInstrumentation(ctx) }),
  pg: () => ({ kind: 'otel', instrumentation: new PgInstrumentation() }),
  express: (ctx) => ({ kind: 'otel', instrumentation: createExpressInstrumentation(ctx) }),
  fastify: () => ({ kind: 'own', instrumentation: createFastifyInstrumentation() }),
  pino: () => {
    const { PinoInstrumentation } = require('@opentelemetry/instrumentation-pino') as typeof PinoModule;
    // Log lines become events; the app's own output stays byte-for-byte what it was.
    return { kind: 'otel', instrumentation: new PinoInstrumentation({ disableLogCorrelation: true, disableLogSending: false }) };
  },
  winston: () => {
    const { WinstonInstrumentation } = require('@opentelemetry/instrumentation-winston') as typeof WinstonModule;
    return { kind: 'otel', instrumentation: new WinstonInstrumentation({ disableLogCorrelation: true, disableLogSending: false }) };
  },
  bullmq: (ctx) => {
    continueIfSandboxChild('bullmq', ctx);
    return { kind: 'otel', instrumentation: new BullMqInstrumentation(ctx.afterJob) };
  },
  bull: (ctx) => {
    continueIfSandboxChild('bull', ctx);
    return { kind: 'otel', instrumentation: new BullInstrumentation(ctx.afterJob) };
  },
};

export function buildInstrumentations(names: readonly InstrumentationName[], ctx: InstrumentationContext): BuiltInstrumentation[] {
  const built: BuiltInstrumentation[] = [];
  for (const name of names) {
    const factory = factories[name];
    if (factory && isInstalledForApp(name)) built.push({ name, ...factory(ctx) });
  }
  return built;
}
