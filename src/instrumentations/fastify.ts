import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { context } from '@opentelemetry/api';
import { getRPCMetadata, RPCType } from '@opentelemetry/core';
import { diag } from '../diag';
import type { OwnInstrumentation } from './own-instrumentation';

interface FastifyRequestLike {
  routeOptions?: { url?: string };
}

interface FastifyLike {
  addHook(name: 'onRequest', hook: (request: FastifyRequestLike, reply: unknown, done: () => void) => void): unknown;
}

/**
 * Fastify announces every new instance on its `fastify.initialization` diagnostics channel,
 * so the route template can be had with no module patching at all (ESM or CJS alike):
 * an onRequest hook hands the matched route to the HTTP server span.
 */
export function createFastifyInstrumentation(): OwnInstrumentation {
  const onInit = (message: unknown): void => {
    const fastify = (message as { fastify?: FastifyLike } | undefined)?.fastify;
    if (!fastify || typeof fastify.addHook !== 'function') return;
    try {
      fastify.addHook('onRequest', (request, _reply, done) => {
        const route = request.routeOptions?.url;
        const rpc = getRPCMetadata(context.active());
        if (route && rpc?.type === RPCType.HTTP) rpc.route = route;
        done();
      });
    } catch (err) {
      diag.once('warn', 'fastify-hook', `could not add the route hook to a Fastify instance: ${String(err)}`);
    }
  };
  return {
    name: 'fastify',
    enable: () => subscribe('fastify.initialization', onInit),
    disable: () => {
      unsubscribe('fastify.initialization', onInit);
    },
  };
}
