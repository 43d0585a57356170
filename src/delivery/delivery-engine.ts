import type { Config } from '../config/config';
import { diag } from '../diag';
import type { EventSink } from '../events/event-sink';
import type { UniversalEvent } from '../events/universal-event';
import type { DeliveryHealth } from '../health/health';
import { Batcher, defaultMaxBatchBytes } from './batcher';
import { createCircuitBreaker, type Permit } from './circuit-breaker';
import { classifyResponse, type DeliveryAction } from './classify-response';
import { DeliveryStats } from './delivery-stats';
import { encodeBatch, encodeBatchSync, splitBatch, type BatchDraft, type Compression } from './encode-batch';
import type { EncodedBatch } from './encoded-batch';
import { createHttpTransport, healthHeaderValue, type Transport, type TransportResult } from './http-transport';
import { readAccepted } from './read-accepted';
import { createRetryPolicy } from './retry-policy';
import { createSpool, type Spool, type SpoolClaim } from './spool/spool';

export interface DeliveryEngine extends EventSink {
  readonly name: 'ezlogs';
  health(): DeliveryHealth;
}

export interface DeliveryEngineDeps {
  /** Monotonic ms for backoff, pauses and the breaker. */
  now?: () => number;
  /** Wall-clock ms, for Retry-After HTTP-dates. */
  wallNow?: () => number;
  random?: () => number;
  transport?: Transport;
  retryBaseMs?: number;
  retryMaxMs?: number;
  maxBatchBytes?: number;
  /** How often the spool directory is re-read for batches to replay. */
  replayCheckMs?: number;
}

/** A batch held in memory, with what its delivery has been through. */
interface Entry {
  batch: EncodedBatch;
  failures: number;
  /** Set when the batch came from the spool: its file is still there, owned by us. */
  claim?: SpoolClaim;
}

// What a pathological app that never yields may pile up before we count drops instead.
const hardCapFactor = 4;
const spoolBackoffMs = 5_000;
/**
 * Pushed events are serialized into the batch once this many wait, or when the flush interval
 * comes due, rather than on every turn of the event loop that pushed one. A service doing one
 * request per turn paid a `setImmediate` per request for it, with the async hooks that
 * AsyncLocalStorage enables on Node 20 running around each. A few dozen events still die
 * young (the reason they are not held until their batch is cut, see Batcher).
 */
const absorbEvery = 64;

export function createDeliveryEngine(config: Readonly<Config>, deps: DeliveryEngineDeps = {}): DeliveryEngine {
  return new Engine(config, deps);
}

class Engine implements DeliveryEngine {
  readonly name = 'ezlogs' as const;
  private readonly stats = new DeliveryStats();
  private readonly now: () => number;
  private readonly wallNow: () => number;
  private readonly compression: Compression;
  private readonly batcher: Batcher;
  private readonly breaker;
  private readonly retry;
  private readonly transport: Transport;
  private readonly spool: Spool;
  private readonly debug: ((message: string) => void) | undefined;
  private readonly ready: Entry[] = [];
  private readonly waiting = new Map<Entry, NodeJS.Timeout>();
  private readonly inflight = new Map<Entry, AbortController>();
  private readonly encoding = new Set<BatchDraft>();
  private readonly idleWaiters: (() => void)[] = [];
  private heldEvents = 0;
  private encodingEvents = 0;
  private spoolWrites = 0;
  private pausedUntil = 0;
  private spoolBackoffUntil = 0;
  private lastRefresh = Number.NEGATIVE_INFINITY;
  private replaying = false;
  private cutScheduled = false;
  /** Set by a flush or shutdown: cut batches, full or not, until the buffer is empty. */
  private cutEverything = false;
  /** Events a due flush interval still owes a batch to: those buffered when it came due. */
  private flushOwed = 0;
  private stopping = false;
  private stopped = false;
  private flushTimer: NodeJS.Timeout | undefined;
  private pumpTimer: NodeJS.Timeout | undefined;
  private readonly replayTimer: NodeJS.Timeout;
  private shutdownPromise: Promise<void> | undefined;
  /** A full batch never waits for more events than it holds. */
  private readonly absorbAt: number;

  constructor(private readonly config: Readonly<Config>, deps: DeliveryEngineDeps) {
    this.now = deps.now ?? (() => performance.now());
    this.wallNow = deps.wallNow ?? Date.now;
    this.debug = config.debug ? (message) => diag.info(`delivery: ${message}`) : undefined;
    this.absorbAt = Math.max(1, Math.min(absorbEvery, config.batchSize));
    this.compression = { enabled: config.compression === 'gzip', threshold: config.compressionThreshold };
    this.batcher = new Batcher({
      batchSize: config.batchSize,
      maxBatchBytes: deps.maxBatchBytes ?? defaultMaxBatchBytes,
      format: config.format,
      onDropped: (reason, events) => this.drop(reason, events),
    });
    this.breaker = createCircuitBreaker({
      threshold: config.circuitThreshold,
      timeoutMs: config.circuitTimeoutMs,
      now: this.now,
      onStateChange: (from, to) => {
        const line = `circuit breaker ${from} -> ${to}`;
        if (to === 'open') {
          diag.warn(`${line}: pausing delivery for ${config.circuitTimeoutMs} ms, spooling meanwhile`);
          // Nothing else may happen until then; the probe must not wait for new events.
          this.schedulePump(config.circuitTimeoutMs);
        } else diag.info(line);
      },
    });
    this.retry = createRetryPolicy({
      attempts: config.retryAttempts,
      baseMs: deps.retryBaseMs ?? 1_000,
      maxMs: deps.retryMaxMs ?? 30_000,
      random: deps.random ?? Math.random,
    });
    // Each batch carries a compact health snapshot, so the dev receiver's page can show how
    // delivery is doing (SPEC section 7); built at send time, once per batch, never per event.
    this.transport = deps.transport ?? createHttpTransport({ ...config, healthHeader: () => healthHeaderValue(this.health()) });
    this.spool = createSpool({
      dir: config.spoolDir,
      maxBytes: config.spoolMaxBytes,
      onEvicted: (events) => this.drop('spool_full', events),
      onQuarantined: (file, problem) => diag.warn(`spool: moved ${file} to quarantine/ (${problem})`),
    });
    // Batches a previous run (or a dead sibling process) left behind go out once the endpoint answers.
    this.replayTimer = setInterval(() => this.pump(), deps.replayCheckMs ?? 5_000).unref();
    setImmediate(() => this.pump()).unref();
  }

  accept(event: UniversalEvent): void {
    try {
      const buffered = this.batcher.size();
      if (buffered >= this.config.bufferSize * hardCapFactor) {
        this.drop('buffer_full', 1);
        return;
      }
      if (this.batcher.push(event) >= this.absorbAt) this.scheduleCut();
      if (this.flushTimer === undefined && !this.stopped) this.armFlushTimer();
    } catch {
      // The host's span end must never see our failure.
    }
  }

  health(): DeliveryHealth {
    const spool = this.spool.stats();
    return this.stats.snapshot({
      circuitState: this.breaker.state(),
      queueSize: this.memoryEvents(),
      spoolBatches: spool.batches,
      spoolBytes: spool.bytes,
    });
  }

  flush(): Promise<void> {
    return this.drain(this.now() + Math.max(this.config.shutdownTimeoutMs, this.config.timeoutMs)).catch(() => undefined);
  }

  shutdown(): Promise<void> {
    this.shutdownPromise ??= this.stop().catch(() => undefined);
    return this.shutdownPromise;
  }

  exitSync(): void {
    try {
      this.stopped = true;
      this.clearTimers();
      const drafts = [...this.encoding];
      this.encoding.clear();
      for (let draft = this.batcher.cut(); draft; draft = this.batcher.cut()) drafts.push(draft);
      const entries: Entry[] = [...this.ready.splice(0), ...this.waiting.keys(), ...this.inflight.keys()];
      this.waiting.clear();
      this.inflight.clear();
      for (const draft of drafts) entries.push({ batch: encodeBatchSync(draft, this.compression), failures: 0 });
      for (const entry of entries) {
        if (entry.claim) {
          this.spool.release(entry.claim);
          continue;
        }
        const result = this.spool.writeSync(entry.batch);
        if (result.ok) this.stats.eventsSpooled += entry.batch.count;
        else this.drop(`exit_${result.reason}`, entry.batch.count);
      }
      this.heldEvents = 0;
      this.encodingEvents = 0;
    } catch {
      // Nothing may throw out of a process 'exit' listener.
    }
  }

  private memoryEvents(): number {
    return this.batcher.size() + this.encodingEvents + this.heldEvents;
  }

  private drop(reason: string, events: number): void {
    this.stats.drop(reason, events);
    this.debug?.(`dropped ${events} events (${reason})`);
  }

  private scheduleCut(): void {
    if (this.cutScheduled || this.stopped) return;
    this.cutScheduled = true;
    setImmediate(() => this.runCut());
  }

  private cutAll(): void {
    this.cutEverything = true;
    this.scheduleCut();
  }

  private armFlushTimer(): void {
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flushOwed = this.batcher.size();
      this.scheduleCut();
    }, this.config.flushIntervalMs).unref();
  }

  /**
   * Once per turn of the event loop that has work (`absorbEvery` events waiting, a full batch, a
   * flush, or the flush interval): serializes waiting events into the batch being filled
   * and sends on at most one batch, so a backlog never blocks the app for long. A batch leaves
   * when full, or not full when a flush asks for everything or the flush interval came due for
   * the events then buffered (not for those arriving since: a steady trickle would otherwise
   * cut a tiny batch on every turn). The interval restarts when a batch leaves.
   */
  private runCut(): void {
    this.cutScheduled = false;
    this.batcher.absorb();
    const flushing = this.cutEverything || this.flushOwed > 0;
    const draft = flushing ? this.batcher.cut() : this.batcher.takeFull();
    if (draft) {
      this.encode(draft);
      this.flushOwed = Math.max(0, this.flushOwed - draft.count);
    }
    const left = this.batcher.size();
    if (left === 0) {
      this.cutEverything = false;
      this.flushOwed = 0;
    } else if (this.cutEverything || this.flushOwed > 0 || this.batcher.hasWork()) this.scheduleCut();
    if ((draft || left === 0) && this.flushTimer !== undefined) {
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
    }
    if (left > 0 && this.flushTimer === undefined && !this.stopped) this.armFlushTimer();
    this.settle();
  }

  private encode(draft: BatchDraft): void {
    this.encoding.add(draft);
    this.encodingEvents += draft.count;
    encodeBatch(draft, this.compression).then(
      (batch) => {
        if (!this.encoding.delete(draft)) return; // exitSync took it.
        this.encodingEvents -= batch.count;
        this.stats.encoded(batch.rawBytes, batch.body.length);
        this.hold({ batch, failures: 0 });
        if (this.memoryEvents() > this.config.bufferSize) void this.toSpool(this.ready.pop() as Entry, 'buffer over its size');
        this.pump();
      },
      () => {
        if (this.encoding.delete(draft)) this.encodingEvents -= draft.count;
        this.drop('encode_failed', draft.count);
      },
    );
  }

  private hold(entry: Entry, front = false): void {
    this.heldEvents += entry.batch.count;
    if (front) this.ready.unshift(entry);
    else this.ready.push(entry);
  }

  private release(entry: Entry): void {
    this.heldEvents -= entry.batch.count;
  }

  /** Starts whatever may start now: sends up to the pool size, spools while the breaker is open, replays when idle. */
  private pump(): void {
    if (this.stopped) return;
    while (this.inflight.size < this.config.maxConnections && this.ready.length > 0) {
      const wait = Math.max(this.pausedUntil - this.now(), this.breaker.msUntilProbe());
      if (wait > 0) {
        if (this.breaker.state() === 'open' && this.now() >= this.spoolBackoffUntil) {
          for (const entry of this.ready.splice(0)) void this.toSpool(entry, 'circuit open');
        }
        this.schedulePump(wait);
        break;
      }
      const permit = this.breaker.acquire();
      if (permit === undefined) break; // The half-open probe is out; its result pumps again.
      void this.send(this.ready.shift() as Entry, permit);
    }
    this.maybeReplay();
    this.settle();
  }

  private schedulePump(delayMs: number): void {
    if (this.pumpTimer !== undefined) clearTimeout(this.pumpTimer);
    this.pumpTimer = setTimeout(() => {
      this.pumpTimer = undefined;
      this.pump();
      // Timers may fire a fraction of a millisecond early against performance.now(): round up.
    }, Math.min(Math.ceil(delayMs) + 1, 2 ** 31 - 1)).unref();
  }

  private maybeReplay(): void {
    if (this.replaying || this.stopping || this.ready.length > 0 || this.inflight.size >= this.config.maxConnections) return;
    if (this.breaker.state() === 'half-open') return;
    const wait = Math.max(this.pausedUntil - this.now(), this.breaker.msUntilProbe());
    if (wait > 0) return this.schedulePump(wait);
    const stale = this.now() - this.lastRefresh >= 1_000;
    if (this.spool.stats().batches === 0 && !stale) return;
    this.replaying = true;
    const refreshed = stale ? this.spool.refresh() : Promise.resolve();
    if (stale) this.lastRefresh = this.now();
    refreshed
      .then(() => this.spool.claimOldest())
      .then((found) => {
        if (!found) return;
        if (this.stopped) return this.spool.release(found.claim);
        this.debug?.(`replaying spooled batch ${found.batch.id} (${found.batch.count} events)`);
        this.hold({ batch: found.batch, failures: 0, claim: found.claim }, true);
      })
      .catch(() => undefined)
      .finally(() => {
        this.replaying = false;
        this.pump();
      });
  }

  private async send(entry: Entry, permit: Permit): Promise<void> {
    const controller = new AbortController();
    this.inflight.set(entry, controller);
    const result = await this.transport.send(entry.batch, controller.signal)
      .catch((): TransportResult => ({ kind: 'error', code: 'TRANSPORT_FAILED', durationMs: 0 }));
    if (!this.inflight.delete(entry)) return; // exitSync already persisted it.
    this.stats.request(result.durationMs, entry.batch.body.length);
    const action = classifyResponse(result, this.wallNow());
    try {
      await this.settleAttempt(entry, permit, action, result);
    } catch {
      await this.toSpool(entry, 'internal error');
    }
    this.pump();
  }

  private async settleAttempt(entry: Entry, permit: Permit, action: DeliveryAction, result: TransportResult): Promise<void> {
    const { batch } = entry;
    const took = `${Math.round(result.durationMs)} ms`;
    if (action.kind === 'delivered') {
      this.breaker.success(permit);
      this.stats.successfulRequests += 1;
      const rejected = Math.min(readAccepted(result.body).rejected, batch.count);
      this.stats.drop('rejected_by_receiver', rejected);
      this.stats.eventsDelivered += batch.count - rejected;
      if (entry.claim) {
        this.stats.eventsReplayed += batch.count;
        await this.spool.complete(entry.claim);
      }
      this.release(entry);
      this.debug?.(`sent ${batch.count} events in ${took} (batch ${batch.id}${entry.claim ? ', replayed' : ''})`);
      return;
    }
    this.stats.failure(action.reason, this.wallNow());
    if (action.kind === 'retry') return this.scheduleRetry(entry, permit, action.afterMs, action.reason);
    if (action.kind === 'split') {
      this.breaker.success(permit);
      const halves = await splitBatch(batch, this.compression);
      if (!halves) return this.finish(entry, 'too_large', `one event too large for the endpoint (413), dropped`);
      this.debug?.(`split batch ${batch.id} of ${batch.count} events after 413`);
      this.release(entry);
      const children = halves.map((half): Entry => ({ batch: half, failures: 0 }));
      // A replayed batch's halves go to disk before its file goes, so a crash between loses nothing.
      if (entry.claim) {
        for (const child of children) this.heldEvents += child.batch.count;
        await Promise.all(children.map((child) => this.toSpool(child, 'split of a replayed batch')));
        await this.spool.complete(entry.claim);
      } else {
        for (const child of children.reverse()) this.hold(child, true);
      }
      return;
    }
    if (action.kind === 'drop') {
      this.breaker.success(permit);
      diag.error(`endpoint rejected batch ${batch.id} (${action.reason}); dropped ${batch.count} events`);
      return this.finish(entry, action.reason);
    }
    // hold-auth and spool: the endpoint will not take this data until someone fixes it; stop asking.
    this.breaker.trip();
    const problem = action.kind === 'hold-auth'
      ? `endpoint refused the API key (${action.reason}); events are kept in the spool until it is fixed`
      : `endpoint cannot take events (${action.reason}); check EZLOGS_ENDPOINT; events are kept in the spool`;
    diag.once('error', `delivery-${action.reason}`, problem);
    await this.toSpool(entry, action.reason);
  }

  private scheduleRetry(entry: Entry, permit: Permit, afterMs: number | undefined, reason: string): void {
    this.breaker.failure(permit);
    entry.failures += 1;
    // A server's Retry-After pauses every sender, not just this batch.
    if (afterMs !== undefined) this.pausedUntil = Math.max(this.pausedUntil, this.now() + afterMs);
    const decision = this.retry.next(entry.failures, afterMs);
    if (!decision.retry || this.stopping || this.breaker.state() === 'open') {
      void this.toSpool(entry, decision.retry ? `${reason}, ${this.stopping ? 'shutting down' : 'circuit open'}` : `${reason}, retries spent`);
      return;
    }
    this.stats.retries += 1;
    this.debug?.(`retry batch ${entry.batch.id} in ${decision.delayMs} ms because ${reason} (attempt ${entry.failures + 1})`);
    const timer = setTimeout(() => {
      this.waiting.delete(entry);
      this.ready.unshift(entry);
      this.pump();
    }, decision.delayMs).unref();
    this.waiting.set(entry, timer);
  }

  private async finish(entry: Entry, dropReason: string, line?: string): Promise<void> {
    if (line) diag.error(`${line} (batch ${entry.batch.id})`);
    this.drop(dropReason, entry.batch.count);
    if (entry.claim) await this.spool.complete(entry.claim);
    this.release(entry);
  }

  /** Out of memory, onto disk; a batch that came from the spool just gives its file back. */
  private async toSpool(entry: Entry, why: string): Promise<void> {
    if (entry.claim) {
      this.spool.release(entry.claim);
      this.release(entry);
      this.debug?.(`returned batch ${entry.batch.id} to the spool (${why})`);
      return;
    }
    this.spoolWrites += 1;
    const result = await this.spool.write(entry.batch).catch(() => ({ ok: false, reason: 'spool_error' }) as const);
    this.spoolWrites -= 1;
    if (result.ok) {
      this.stats.eventsSpooled += entry.batch.count;
      this.release(entry);
      this.debug?.(`spooled batch ${entry.batch.id} of ${entry.batch.count} events (${why})`);
    } else if (result.reason === 'spool_full' || this.memoryEvents() > this.config.bufferSize || this.stopped) {
      this.release(entry);
      this.drop(result.reason === 'spool_full' ? 'spool_full' : 'buffer_full', entry.batch.count);
    } else {
      // No disk to fall back on: keep it in memory (bounded by bufferSize) and try again later.
      this.spoolBackoffUntil = this.now() + spoolBackoffMs;
      this.ready.push(entry);
    }
    this.settle();
  }

  private idle(): boolean {
    return this.batcher.size() === 0 && this.encoding.size === 0 && this.ready.length === 0
      && this.inflight.size === 0 && this.waiting.size === 0 && this.spoolWrites === 0;
  }

  private settle(): void {
    if (this.idleWaiters.length > 0 && this.idle()) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** Sends everything buffered now; what is still in memory at the deadline (except in-flight requests) goes to the spool. */
  private async drain(deadline: number): Promise<void> {
    this.cutAll();
    const idle = new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), Math.max(0, deadline - this.now())).unref();
    });
    this.settle();
    const outcome = await Promise.race([idle, late]);
    clearTimeout(timer);
    if (outcome !== 'late') return;
    for (const [entry, retryTimer] of this.waiting) {
      clearTimeout(retryTimer);
      this.ready.push(entry);
    }
    this.waiting.clear();
    await Promise.all(this.ready.splice(0).map((entry) => this.toSpool(entry, 'flush deadline')));
  }

  private async stop(): Promise<void> {
    this.stopping = true;
    await this.drain(this.now() + this.config.shutdownTimeoutMs);
    this.stopped = true;
    this.clearTimers();
    // Still in flight at the deadline: abandoned to the spool (a receiver may then see it twice).
    const abandoned = [...this.inflight];
    this.inflight.clear();
    for (const [, controller] of abandoned) controller.abort();
    await Promise.all(abandoned.map(([entry]) => this.toSpool(entry, 'shutdown deadline')));
    if (!this.idle()) this.exitSync();
    await this.transport.destroy();
  }

  private clearTimers(): void {
    clearInterval(this.replayTimer);
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer);
    if (this.pumpTimer !== undefined) clearTimeout(this.pumpTimer);
    for (const timer of this.waiting.values()) clearTimeout(timer);
    this.flushTimer = undefined;
    this.pumpTimer = undefined;
  }
}
