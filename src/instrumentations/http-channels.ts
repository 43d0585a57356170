import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import { isTracingSuppressed, RPCType, setRPCMetadata, suppressTracing, type RPCMetadata } from '@opentelemetry/core';
import { enterableContextManager } from '../correlation/enterable-context-manager';
import { acceptRequestId } from '../correlation/request-id';
import { scopeOfSpan } from '../correlation/scope';
import type { InstrumentationContext } from './instrumentation-context';
import { registerLateSubscriber } from './late-subscribers';
import type { OwnInstrumentation } from './own-instrumentation';

interface ServerStart {
  request: IncomingMessage;
  response: ServerResponse;
}
interface ClientStart {
  request: ClientRequest;
}
interface ClientFinish {
  request: ClientRequest;
  response: IncomingMessage;
}
interface ClientError {
  request: ClientRequest;
  error: Error;
}

/**
 * A response's span rides on the response itself, as the correlation scope rides on a span
 * (correlation/scope.ts), instead of in a WeakMap: no hash insert, ephemeron write barrier and
 * delete per request (they showed in the host bench's perf profile; the change is within the
 * in-process CPU A/B's noise, ±4 us per request).
 */
const SERVER_SPAN = Symbol('ezlogs.server-span');
type TracedResponse = ServerResponse & { [SERVER_SPAN]?: { span: Span; rpc: RPCMetadata } | undefined };

const headerSetter = { set: (req: ClientRequest, key: string, value: string): void => void req.setHeader(key, value) };
const headerGetter = {
  get: (headers: IncomingMessage['headers'], key: string): string | string[] | undefined => headers[key],
  keys: (headers: IncomingMessage['headers']): string[] => Object.keys(headers),
};

/**
 * node:http and node:https through node's own diagnostics channels instead of patching the
 * module: no wrapper on every `emit` or `request`, no per-request closures, nothing to unwrap,
 * and it sees every copy of the module, ESM or CJS. The spans carry the same stable semantic
 * convention attributes as @opentelemetry/instrumentation-http, so the mapper and other SDKs'
 * processors read them alike. Measured against instrumentation-http in bench/side-by-side.
 */
export function createHttpChannelsInstrumentation(ctx: InstrumentationContext): OwnInstrumentation {
  let tracer: Tracer | undefined;
  const getTracer = (): Tracer => (tracer ??= ctx.tracerProvider().getTracer('@ezlogs/node/http'));
  const clients = new WeakMap<ClientRequest, Span>();

  const endServer = (response: ServerResponse): void => {
    const entry = (response as TracedResponse)[SERVER_SPAN];
    if (!entry) return;
    (response as TracedResponse)[SERVER_SPAN] = undefined;
    const { span, rpc } = entry;
    const status = response.statusCode;
    span.setAttribute('http.response.status_code', status);
    if (rpc.type === RPCType.HTTP && rpc.route) span.setAttribute('http.route', rpc.route);
    if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    if (!response.writableFinished) span.setAttribute('ezlogs.meta.aborted', true);
    span.end();
  };

  // Shared listeners (`this` is the emitter): no closure allocated per request.
  function onResponseClose(this: ServerResponse): void {
    endServer(this);
  }
  function onRequestClose(this: ClientRequest): void {
    endClient(this, (this as { res?: IncomingMessage }).res);
  }

  const onServerStart = (message: unknown): void => {
    const manager = enterableContextManager();
    if (!manager) return;
    const { request, response } = message as ServerStart;
    const url = request.url ?? '/';
    if (ctx.isIgnoredPath(url)) {
      // Health checks: no span, and nothing inside them (their queries) becomes an event.
      manager.enterWith(suppressTracing(ROOT_CONTEXT));
      return;
    }
    const parent = propagation.extract(ROOT_CONTEXT, request.headers, headerGetter);
    const q = url.indexOf('?');
    const method = request.method ?? 'GET';
    // Attributes set on the span, not passed as an object to copy: one fewer object, and every
    // server span's attributes take the same hidden-class path.
    const span = getTracer().startSpan(method, { kind: SpanKind.SERVER }, parent);
    span.setAttribute('http.request.method', method);
    span.setAttribute('url.path', q === -1 ? url : url.slice(0, q));
    if (q !== -1) span.setAttribute('url.query', url.slice(q + 1));
    span.setAttribute('url.scheme', (request.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http');
    const requestId = acceptRequestId(request.headers['x-request-id']);
    if (requestId) {
      const scope = scopeOfSpan(span);
      if (scope) scope.requestId = requestId;
    }
    const rpc: RPCMetadata = { type: RPCType.HTTP, span };
    (response as TracedResponse)[SERVER_SPAN] = { span, rpc };
    // 'close' also covers a client that went away before the response finished. `on`, not
    // `once`: 'close' comes once per response, and `once` costs a wrapper and a removal per
    // request (~1.2 us of the app's thread in the host bench's profile).
    response.on('close', onResponseClose);
    manager.enterWith(setRPCMetadata(trace.setSpan(parent, span), rpc));
  };

  const onServerFinish = (message: unknown): void => endServer((message as ServerStart).response);

  const onClientStart = (message: unknown): void => {
    const { request } = message as ClientStart;
    const active = context.active();
    if (isTracingSuppressed(active)) return;
    const host = request.host;
    const secure = request.protocol === 'https:';
    const port = (request as { socket?: unknown; agent?: { defaultPort?: number } }).agent?.defaultPort;
    const headerHost = request.getHeader('host');
    const hostPort = typeof headerHost === 'string' && headerHost.includes(':') ? headerHost.slice(headerHost.lastIndexOf(':') + 1) : undefined;
    const effectivePort = hostPort ?? String(port ?? (secure ? 443 : 80));
    if (ctx.isOwnTraffic(host, effectivePort)) return;
    const method = request.method;
    const defaultPort = secure ? '443' : '80';
    const span = getTracer().startSpan(
      method,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'http.request.method': method,
          'server.address': host,
          'server.port': Number(effectivePort),
          'url.full': `${request.protocol}//${host}${effectivePort === defaultPort ? '' : `:${effectivePort}`}${request.path}`,
        },
      },
      active,
    );
    clients.set(request, span);
    if (!request.headersSent) propagation.inject(trace.setSpan(active, span), request, headerSetter);
    // A response nobody reads never publishes 'finish'; the request's close still ends the span.
    request.on('close', onRequestClose);
  };

  const endClient = (request: ClientRequest, response: IncomingMessage | undefined, error?: Error): void => {
    const span = clients.get(request);
    if (!span) return;
    clients.delete(request);
    const status = response?.statusCode;
    if (status !== undefined) span.setAttribute('http.response.status_code', status);
    if (error) {
      span.recordException(error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
    } else if (status === undefined || status >= 400) {
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end();
  };

  const onClientFinish = (message: unknown): void => {
    const { request, response } = message as ClientFinish;
    endClient(request, response);
  };
  const onClientError = (message: unknown): void => {
    const { request, error } = message as ClientError;
    endClient(request, undefined, error);
  };

  const channels: Array<[string, (message: unknown) => void]> = [
    ['http.server.request.start', onServerStart],
    ['http.server.response.finish', onServerFinish],
    ['http.client.request.start', onClientStart],
    ['http.client.response.finish', onClientFinish],
    ['http.client.request.error', onClientError],
  ];
  let removeLateSubscribers: Array<() => void> = [];
  return {
    name: 'http',
    enable: () => {
      for (const [name, fn] of channels) subscribe(name, fn);
      // The request (in or out) that made the agent load on first use was published before
      // these subscriptions: it reaches them through here.
      removeLateSubscribers = [registerLateSubscriber('http.server.request.start', onServerStart), registerLateSubscriber('http.client.request.start', onClientStart)];
    },
    disable: () => {
      for (const [name, fn] of channels) unsubscribe(name, fn);
      for (const remove of removeLateSubscribers) remove();
      removeLateSubscribers = [];
    },
  };
}
