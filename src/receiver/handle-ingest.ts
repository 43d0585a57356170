import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AgentRegistry } from './agent-health';
import { healthHeader, parseHealthHeader } from './agent-health';
import type { ApiKeyCheck } from './api-keys';
import type { Faults } from './faults';
import { isBodyError } from './ingest-result';
import { readBody, type BodyLimits } from './read-body';
import { safeHeaders, type ReceivedRequest } from './received-request';
import { bump, type ReceiverStats } from './receiver-stats';
import type { IngestRoute } from './routes/ingest-routes';
import { sendJson } from './send-json';
import type { ReceiverStorage } from './storage/receiver-storage';
import type { StoredEvent } from './storage/stored-event';
import type { RateLimiter } from './token-bucket';

export interface IngestContext {
  auth: ApiKeyCheck;
  limiter: RateLimiter;
  faults: Faults;
  limits: BodyLimits;
  storage: ReceiverStorage;
  stats: ReceiverStats;
  agents: AgentRegistry;
  log: (req: ReceivedRequest) => void;
  onStored: (stored: StoredEvent[]) => void;
}

/** Auth, rate limit, faults, limits, parse, map, store, answer: in that order, cheapest refusal first. */
export async function handleIngest(route: IngestRoute, req: IncomingMessage, res: ServerResponse, ctx: IngestContext): Promise<void> {
  const record = { accepted: 0, duplicates: 0, rejected: 0, wire_bytes: 0 };
  const answer = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
    bump(ctx.stats.responses, String(status));
    sendJson(res, status, body, headers);
    ctx.log({ at: new Date().toISOString(), method: req.method ?? 'POST', path: route.path, headers: safeHeaders(req.headers), status, ...record });
  };
  bump(ctx.stats.routes, route.path);

  const auth = ctx.auth.check(req.headers);
  if (!auth.ok) return answer(auth.status, route.error(auth.error));
  const rate = ctx.limiter.take(auth.key ?? `ip:${req.socket.remoteAddress ?? 'unknown'}`);
  if (!rate.allowed) {
    ctx.stats.rate_limited += 1;
    return answer(429, route.error(`rate limit exceeded: retry after ${rate.retryAfterSeconds}s`), { 'retry-after': String(rate.retryAfterSeconds) });
  }
  const fault = ctx.faults.decide();
  if (fault.delayMs > 0) await delay(fault.delayMs);
  if (fault.failure) {
    ctx.stats.faults_injected += 1;
    return answer(503, route.error(fault.failure === 'down' ? 'receiver is down (injected by --down-for-ms)' : 'injected failure (--fail-rate)'));
  }
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (type.includes('protobuf')) {
    return answer(415, route.error(`Content-Type ${type} is not supported: send OTLP as JSON (otlphttp exporter: encoding: json)`));
  }

  const body = await readBody(req, ctx.limits);
  record.wire_bytes = body.wireBytes;
  ctx.stats.bytes_received += body.wireBytes;
  if (!body.ok) {
    if (body.status !== 413) return answer(body.status, route.error(body.error));
    // Whatever the client still sends is not worth reading: answer, then cut the connection.
    res.once('finish', () => req.destroy());
    return answer(413, route.error(body.error), { connection: 'close' });
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(body.body.toString('utf8'));
  } catch (err) {
    return answer(400, route.error(`malformed JSON: ${(err as Error).message}`));
  }
  const mapped = route.map(parsed);
  if (isBodyError(mapped)) return answer(400, route.error(mapped.error));

  const result = await ctx.storage.add(mapped.events);
  if (!result.ok) return answer(503, route.error(result.error));
  record.accepted = result.stored.length;
  record.duplicates = result.duplicates;
  record.rejected = mapped.rejected.length;
  ctx.stats.events_accepted += result.stored.length;
  ctx.stats.events_duplicate += result.duplicates;
  ctx.stats.events_rejected += mapped.rejected.length;
  noteAgent(req, mapped.events[0]?.platform.service, ctx.agents);
  if (result.stored.length > 0) ctx.onStored(result.stored);

  const ok = route.answer({ accepted: result.stored.length, duplicates: result.duplicates, rejected: mapped.rejected, ids: mapped.events.map((e) => e.event_id) });
  answer(ok.status, ok.body);
}

function noteAgent(req: IncomingMessage, service: string | undefined, agents: AgentRegistry): void {
  const raw = req.headers[healthHeader];
  const health = parseHealthHeader(Array.isArray(raw) ? raw[0] : raw);
  if (!health) return;
  agents.record({ service: service ?? 'unknown', user_agent: req.headers['user-agent'] ?? 'unknown', last_seen: new Date().toISOString(), health });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
