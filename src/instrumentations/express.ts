import type { InstrumentationBase } from '@opentelemetry/instrumentation';
import type * as ExpressModule from '@opentelemetry/instrumentation-express';
import type { InstrumentationContext } from './instrumentation-context';

/**
 * Express only for its route template: every layer type is ignored, so no middleware spans
 * are created (they cost ~a span each and are noise), while the matched route still reaches
 * the HTTP server span through the RPC metadata the instrumentation fills for ignored layers too.
 */
export function createExpressInstrumentation(_ctx: InstrumentationContext): InstrumentationBase {
  const { ExpressInstrumentation, ExpressLayerType } = require('@opentelemetry/instrumentation-express') as typeof ExpressModule;
  return new ExpressInstrumentation({
    ignoreLayersType: [ExpressLayerType.MIDDLEWARE, ExpressLayerType.ROUTER, ExpressLayerType.REQUEST_HANDLER],
  });
}
