/** Fault injection for tests and demos (`--fail-rate`, `--latency-ms`, `--down-for-ms`). */
export interface FaultOptions {
  /** Fraction 0..1 of ingest requests answered 503. */
  failRate?: number;
  /** Delay before every ingest answer. */
  latencyMs?: number;
  /** For this long after `listen()` (or after `setFaults`), every ingest request gets 503. */
  downForMs?: number;
}

export interface FaultDecision {
  delayMs: number;
  /** Why the request is answered 503, or undefined to serve it. */
  failure: 'down' | 'fail-rate' | undefined;
}

export interface Faults {
  /** Restarts the down window: called at listen and when faults change. */
  arm(): void;
  set(options: FaultOptions): void;
  decide(): FaultDecision;
  isDown(): boolean;
  current(): Required<FaultOptions>;
}

export function createFaults(initial: FaultOptions = {}, now: () => number = Date.now, random: () => number = Math.random): Faults {
  let options: Required<FaultOptions> = normalize(initial);
  let downUntil = 0;
  const isDown = (): boolean => now() < downUntil;
  return {
    arm() {
      downUntil = options.downForMs > 0 ? now() + options.downForMs : 0;
    },
    set(next) {
      options = normalize({ ...options, ...next });
      this.arm();
    },
    decide() {
      const failure = isDown() ? 'down' : options.failRate > 0 && random() < options.failRate ? 'fail-rate' : undefined;
      return { delayMs: options.latencyMs, failure };
    },
    isDown,
    current: () => ({ ...options }),
  };
}

function normalize(o: FaultOptions): Required<FaultOptions> {
  return {
    failRate: Math.min(1, Math.max(0, o.failRate ?? 0)),
    latencyMs: Math.max(0, o.latencyMs ?? 0),
    downForMs: Math.max(0, o.downForMs ?? 0),
  };
}
