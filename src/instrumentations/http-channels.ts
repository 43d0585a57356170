import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type * as Http from 'node:http';
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

/** A request's client span; null once seen and not traced (suppressed, our own traffic) or ended. */
const CLIENT_SPAN = Symbol('ezlogs.client-span');
type TracedRequest = ClientRequest & { [CLIENT_SPAN]?: Span | null };

/**
 * The one patch of this instrumentation. Node 20 publishes 'http.client.request.start' from
 * `end()`, after the request's headers are rendered, and has no earlier channel: a span started
 * there cannot add `traceparent`, and the service called would start a trace of its own.
 * `_implicitHeader` is where `end()`, `write()` and `flushHeaders()` render the headers of a
 * `ClientRequest` (node:http and node:https alike), so `onRender` runs just before, once per
 * request. Returns the undo, which leaves a later patch of someone else's in place.
 */
function hookHeaderRendering(onRender: (request: ClientRequest) => void): () => void {
  const { ClientRequest: RequestClass } = require('node:http') as typeof Http;
  const proto = RequestClass.prototype as unknown as { _implicitHeader?: (this: ClientRequest) => void };
  const original = proto._implicitHeader;
  if (typeof original !== 'function') return () => undefined;
  const hooked = function (this: ClientRequest): void {
    try {
      onRender(this);
    } catch {
      // Never between the app and its request.
    }
    original.call(this);
  };
  proto._implicitHeader = hooked;
  return () => {
    if (proto._implicitHeader === hooked) proto._implicitHeader = original;
  };
}

const headerSetter = { set: (req: ClientRequest, key: string, value: string): void => void req.setHeader(key, value) };
const headerGetter = {
  get: (headers: IncomingMessage['headers'], key: string): string | string[] | undefined => headers[key],
  keys: (headers: IncomingMessage['headers']): string[] => Object.keys(headers),
};

/**
 * node:http and node:https through node's own diagnostics channels instead of patching the
 * module: no wrapper on every `emit` or `request`, no per-request closures, and it sees every
 * copy of the module, ESM or CJS. The one patch is the header hook outgoing requests need on
 * Node 20 (hookHeaderRendering). The spans carry the same stable semantic
 * convention attributes as @opentelemetry/instrumentation-http, so the mapper and other SDKs'
 * processors read them alike. Measured against instrumentation-http in bench/side-by-side.
 */
export function createHttpChannelsInstrumentation(ctx: InstrumentationContext): OwnInstrumentation {
  let tracer: Tracer | undefined;
  const getTracer = (): Tracer => (tracer ??= ctx.tracerProvider().getTracer('@ezlogs/node/http'));

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

  /**
   * The client span of a request, started once, from whichever comes first: node's
   * 'http.client.request.created' (newer lines, Node 24 among them; published before the
   * headers are rendered), the header hook (Node 20, see hookHeaderRendering) or
   * 'http.client.request.start'. The first two come early enough to add `traceparent`; the
   * last only starts the span.
   */
  const startClient = (request: ClientRequest): void => {
    const traced = request as TracedRequest;
    if (traced[CLIENT_SPAN] !== undefined) return;
    traced[CLIENT_SPAN] = null;
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
    const span = getTracer().startSpan(method, { kind: SpanKind.CLIENT }, active);
    span.setAttribute('http.request.method', method);
    span.setAttribute('server.address', host);
    span.setAttribute('server.port', Number(effectivePort));
    span.setAttribute('url.full', `${request.protocol}//${host}${effectivePort === defaultPort ? '' : `:${effectivePort}`}${request.path}`);
    traced[CLIENT_SPAN] = span;
    if (!request.headersSent) propagation.inject(trace.setSpan(active, span), request, headerSetter);
    // A response nobody reads never publishes 'finish'; the request's close still ends the span.
    request.on('close', onRequestClose);
  };
  const onClientStart = (message: unknown): void => startClient((message as ClientStart).request);

  const endClient = (request: ClientRequest, response: IncomingMessage | undefined, error?: Error): void => {
    const traced = request as TracedRequest;
    const span = traced[CLIENT_SPAN];
    if (!span) return;
    traced[CLIENT_SPAN] = null;
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
    ['http.client.request.created', onClientStart],
    ['http.client.request.start', onClientStart],
    ['http.client.response.finish', onClientFinish],
    ['http.client.request.error', onClientError],
  ];
  let removeLateSubscribers: Array<() => void> = [];
  let unhookHeaders = (): void => undefined;
  return {
    name: 'http',
    enable: () => {
      for (const [name, fn] of channels) subscribe(name, fn);
      unhookHeaders = hookHeaderRendering(startClient);
      // The request (in or out) that made the agent load on first use was published before
      // these subscriptions: it reaches them through here.
      removeLateSubscribers = [registerLateSubscriber('http.server.request.start', onServerStart), registerLateSubscriber('http.client.request.start', onClientStart)];
    },
    disable: () => {
      for (const [name, fn] of channels) unsubscribe(name, fn);
      for (const remove of removeLateSubscribers) remove();
      removeLateSubscribers = [];
      unhookHeaders();
      unhookHeaders = () => undefined;
    },
  };
}
