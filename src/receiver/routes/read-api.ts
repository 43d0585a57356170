import type { ServerResponse } from 'node:http';
import type { AgentRegistry } from '../agent-health';
import type { ReceiverStats } from '../receiver-stats';
import { sendJson } from '../send-json';
import type { ReceiverStorage } from '../storage/receiver-storage';
import type { EventQuery } from '../storage/stored-event';

export interface ReadApiContext {
  storage: ReceiverStorage;
  stats: () => ReceiverStats;
  agents: AgentRegistry;
}

const maxLimit = 2000;

/**
 * The JSON the page polls. Unauthenticated by design: the receiver is a local dev tool
 * bound to loopback by default, and a browser cannot add `X-API-Key` to a page load.
 * Returns false when the path is not one of these routes.
 */
export async function handleReadApi(url: URL, res: ServerResponse, ctx: ReadApiContext): Promise<boolean> {
  if (url.pathname === '/api/events') {
    const q = eventQuery(url.searchParams);
    const events = ctx.storage.recent(q);
    const all = ctx.storage.recent({});
    sendJson(res, 200, {
      events,
      last_seq: ctx.storage.memory.lastSeq,
      facets: {
        types: distinct(all.map((s) => s.event.event_type)),
        services: distinct(all.map((s) => s.event.platform.service)),
      },
    });
    return true;
  }
  const trace = /^\/api\/traces\/([A-Za-z0-9_-]{1,64})$/.exec(url.pathname);
  if (trace?.[1]) {
    sendJson(res, 200, { trace_id: trace[1], events: await ctx.storage.trace(trace[1]) });
    return true;
  }
  if (url.pathname === '/api/stats') {
    sendJson(res, 200, ctx.stats());
    return true;
  }
  if (url.pathname === '/api/agents') {
    sendJson(res, 200, { agents: ctx.agents.list() });
    return true;
  }
  return false;
}

function eventQuery(params: URLSearchParams): EventQuery {
  const q: EventQuery = {};
  const after = Number(params.get('after'));
  if (Number.isFinite(after) && after > 0) q.after = after;
  for (const [param, key] of [['type', 'type'], ['outcome', 'outcome'], ['service', 'service'], ['q', 'text'], ['trace_id', 'trace_id']] as const) {
    const v = params.get(param);
    if (v) q[key] = v.slice(0, 200);
  }
  const limit = Number(params.get('limit'));
  q.limit = Number.isInteger(limit) && limit > 0 ? Math.min(limit, maxLimit) : 500;
  return q;
}

function distinct(values: string[]): string[] {
  return [...new Set(values)].sort();
}
