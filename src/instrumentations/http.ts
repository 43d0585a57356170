import type { IncomingMessage } from 'node:http';
import type { InstrumentationBase } from '@opentelemetry/instrumentation';
import type * as HttpModule from '@opentelemetry/instrumentation-http';
import { acceptRequestId } from '../correlation/request-id';
import { scopeOfSpan } from '../correlation/scope';
import type { InstrumentationContext } from './instrumentation-context';

export function createHttpInstrumentation(ctx: InstrumentationContext): InstrumentationBase {
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof HttpModule;
  return new HttpInstrumentation({
    // Health checks and our own delivery produce no span at all: the cheapest event is none.
    ignoreIncomingRequestHook: (req) => ctx.isIgnoredPath(req.url ?? '/'),
    ignoreOutgoingRequestHook: (options) => {
      const host = options.hostname ?? options.host ?? undefined;
      return ctx.isOwnTraffic(typeof host === 'string' ? host.split(':')[0] : undefined, options.port ?? (options.protocol === 'https:' ? 443 : 80));
    },
    requestHook: (span, request) => {
      // Runs right after the server span starts and before any app code sees the request.
      // Outgoing requests (ClientRequest) have getHeader; incoming ones (IncomingMessage) do not.
      if (typeof (request as { getHeader?: unknown }).getHeader === 'function') return;
      const incoming = request as IncomingMessage;
      const requestId = acceptRequestId(incoming.headers['x-request-id']);
      if (!requestId) return;
      const scope = scopeOfSpan(span);
      if (scope) scope.requestId = requestId;
    },
  });
}
