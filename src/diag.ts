/**
 * The agent's one internal logger. Background paths never throw: they report here.
 * Output goes to stderr with an `[ezlogs]` prefix so it never mixes with the app's stdout.
 */
export type DiagLevel = 'error' | 'warn' | 'info' | 'debug';

const order: Record<DiagLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

let threshold = order.warn;
const onceKeys = new Set<string>();

export function setDiagLevel(level: DiagLevel): void {
  threshold = order[level];
}

function write(level: DiagLevel, message: string): void {
  if (order[level] > threshold) return;
  try {
    process.stderr.write(`[ezlogs] ${level}: ${message}\n`);
  } catch {
    // stderr closed (EPIPE): there is nowhere left to report, and the host must not pay for it.
  }
}

export const diag = {
  error: (message: string): void => write('error', message),
  warn: (message: string): void => write('warn', message),
  info: (message: string): void => write('info', message),
  debug: (message: string): void => write('debug', message),
  /** Reports a condition once per process, e.g. an auth failure that would otherwise repeat per batch. */
  once(level: DiagLevel, key: string, message: string): void {
    if (onceKeys.has(key)) return;
    onceKeys.add(key);
    write(level, message);
  },
};
