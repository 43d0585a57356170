import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UniversalEvent } from '../../src/events/universal-event.js';
import { EventCollector } from '../helpers/event-collector.js';
import { fixture, spawnApp, type RunningApp } from '../helpers/spawn-app.js';
import { freshSpoolDir } from '../helpers/fresh-dir.js';
import { DATABASE_URL, runSql } from '../helpers/pg-sql.js';

const table = `e2e_orders_${process.pid}`;

describe('agent core end to end: ESM Express calling CJS Fastify, real Postgres', () => {
  const collector = new EventCollector();
  let echo: Server;
  let echoUrl: string;
  let web: RunningApp;
  let users: RunningApp;
  let webUrl: string;
  let events: UniversalEvent[];

  beforeAll(async () => {
    const endpoint = await collector.start();
    echo = createServer((_req, res) => res.end('echo'));
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
    const env = { DATABASE_URL, ORDERS_TABLE: table, EZLOGS_ENDPOINT: endpoint, EZLOGS_FLUSH_INTERVAL_MS: '100', EZLOGS_SPOOL_DIR: freshSpoolDir('e2e') };
    await runSql(`CREATE TABLE IF NOT EXISTS ${table} (id serial PRIMARY KEY, email text, total numeric)`);
    users = spawnApp(fixture('fastify-cjs.cjs'), { env: { ...env, EZLOGS_SERVICE_NAME: 'users', ECHO_URL: echoUrl } });
    const usersPort = (await users.waitForLine(/READY (\d+)/))[1];
    web = spawnApp(fixture('express-esm.mjs'), { env: { ...env, EZLOGS_SERVICE_NAME: 'shop', DOWNSTREAM_URL: `http://127.0.0.1:${usersPort}` } });
    webUrl = `http://127.0.0.1:${(await web.waitForLine(/READY (\d+)/))[1]}`;

    const res = await fetch(`${webUrl}/orders/456/pay?coupon=SPRING`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-e2e-1', 'x-user': '123' },
      body: JSON.stringify({ email: 'buyer@example.com' }),
    });
    expect(res.status).toBe(201);
    events = await collector.waitFor((all) => all.some((e) => e.event_type === 'http.request' && e.platform.service === 'shop' && e.correlation.request_id === 'req-e2e-1'));
    events = await collector.waitFor((all) => all.filter((e) => e.correlation.request_id === 'req-e2e-1').length >= 10);
  });

  afterAll(async () => {
    web?.kill();
    users?.kill();
    await Promise.all([web?.exited, users?.exited]);
    await collector.stop();
    echo?.close();
    await runSql(`DROP TABLE IF EXISTS ${table}`);
  });

  const ofRequest = (): UniversalEvent[] => events.filter((e) => e.correlation.request_id === 'req-e2e-1');
  const one = (service: string, type: string): UniversalEvent => {
    const found = ofRequest().find((e) => e.platform.service === service && e.event_type === type);
    if (!found) throw new Error(`no ${type} event from ${service}; got ${ofRequest().map((e) => `${e.platform.service}:${e.event_type}:${e.action}`).join(', ')}`);
    return found;
  };

  it('names the incoming request by its Express route template, with status and outcome', () => {
    const request = one('shop', 'http.request');
    expect(request.action).toBe('POST /orders/:id/pay');
    expect(request.outcome).toBe('success');
    expect(request.metadata).toMatchObject({ method: 'POST', route: '/orders/:id/pay', status_code: 201 });
    expect(request.metadata.duration_ms).toBeGreaterThan(0);
    expect(request.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(request.event_id).toMatch(/^evt_[0-9A-Z]{26}$/);
    expect(request.platform).toMatchObject({ service: 'shop', sdk: 'ezlogs-node/0.1.0', runtime: expect.stringMatching(/^node\//) });
  });

  it('turns SELECT into db.query and INSERT into data.change, with literals as ?', () => {
    const select = ofRequest().find((e) => e.platform.service === 'shop' && e.event_type === 'db.query');
    expect(select?.action).toBe(`SELECT ${table}`);
    expect(select?.metadata.db_statement).toBe(`SELECT id, total FROM ${table} WHERE email = ? AND total > ?`);
    const insert = one('shop', 'data.change');
    expect(insert.action).toBe(`${table}.create`);
    expect(JSON.stringify(insert)).not.toContain('buyer@example.com');
    expect(one('users', 'data.change').action).toBe(`${table}.update`);
  });

  it('names Fastify requests by route template and outgoing calls by host and path', () => {
    expect(one('users', 'http.request').action).toBe('GET /users/:id');
    const client = one('shop', 'http.client');
    expect(client.action).toMatch(/^GET 127\.0\.0\.1\/users\/:id$/);
    expect(one('users', 'http.client').action).toBe('GET 127.0.0.1/echo/:id');
  });

  it('keeps one trace across both processes, with consistent parent/child ids', () => {
    const chain = ofRequest();
    expect(new Set(chain.map((e) => e.correlation.trace_id)).size).toBe(1);
    const spanIds = new Set(chain.map((e) => e.correlation.span_id));
    const shopRequest = one('shop', 'http.request');
    for (const e of chain) {
      if (e === shopRequest) continue;
      expect(spanIds.has(e.correlation.parent_span_id) || e.event_type === 'order.paid' || e.event_type === 'user.viewed', `${e.event_type} ${e.action} has a parent in the chain`).toBe(true);
    }
    // The users service's request is the child of the shop's outgoing call.
    expect(one('users', 'http.request').correlation.parent_span_id).toBe(one('shop', 'http.client').correlation.span_id);
    // track() happens inside the request span it was called in.
    expect(one('shop', 'order.paid').correlation.span_id).toBe(shopRequest.correlation.span_id);
  });

  it('carries request_id, actor and flow into every event, downstream service included', () => {
    const chain = ofRequest();
    expect(chain.length).toBeGreaterThanOrEqual(10);
    for (const e of chain) expect(e.actor, `${e.platform.service} ${e.event_type}`).toEqual({ type: 'user', id: '123' });
    // The actor was set by middleware after the request started, yet the request event has it.
    expect(one('shop', 'http.request').actor).toEqual({ type: 'user', id: '123' });
    for (const e of chain.filter((x) => x.event_type !== 'http.request' || x.platform.service === 'users')) {
      expect(e.correlation.flow_id, `${e.platform.service} ${e.event_type}`).toBe('checkout_456');
    }
  });

  it('emits track() events with the caller’s subject and metadata', () => {
    const paid = one('shop', 'order.paid');
    expect(paid).toMatchObject({ action: 'order.paid', outcome: 'success', subject: { type: 'order', id: '456' }, metadata: { total: 42.5, found: expect.any(Number) } });
    expect(one('users', 'user.viewed').subject).toEqual({ type: 'user', id: '456' });
  });

  it('records a route that throws as a failed request with the error, and the app keeps serving', async () => {
    const res = await fetch(`${webUrl}/boom`, { headers: { 'x-request-id': 'req-boom' } });
    expect(res.status).toBe(500);
    const all = await collector.waitFor((evs) => evs.some((e) => e.correlation.request_id === 'req-boom' && e.event_type === 'http.request'));
    const failed = all.find((e) => e.correlation.request_id === 'req-boom' && e.event_type === 'http.request');
    expect(failed).toMatchObject({ action: 'GET /boom', outcome: 'failure', metadata: { status_code: 500 } });
    expect((await fetch(`${webUrl}/orders/1/pay`, { method: 'POST' })).status).toBe(201);
  });

  it('never reports its own delivery requests as events', () => {
    const own = events.filter((e) => e.event_type === 'http.client' && String(e.metadata.url ?? '').includes('/events'));
    expect(own).toEqual([]);
    expect(collector.requests.every((r) => r.headers['x-batch-id'] && r.headers['user-agent'] === 'ezlogs-node/0.1.0')).toBe(true);
  });

  it('produces no event for health checks', async () => {
    const usersPort = (users.stdout().match(/READY (\d+)/) as RegExpMatchArray)[1];
    await fetch(`http://127.0.0.1:${usersPort}/health`, { headers: { 'x-request-id': 'req-health' } });
    await fetch(`${webUrl}/orders/2/pay`, { method: 'POST', headers: { 'x-request-id': 'req-after-health' } });
    const all = await collector.waitFor((evs) => evs.some((e) => e.correlation.request_id === 'req-after-health' && e.event_type === 'http.request'));
    expect(all.filter((e) => e.correlation.request_id === 'req-health')).toEqual([]);
  });
});
