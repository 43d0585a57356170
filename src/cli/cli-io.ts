/** What a command may touch: injected so commands run in-process in tests. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: Readonly<Record<string, string | undefined>>;
}

/** A finished command, or one that keeps running (`dev`) until `stop()`. */
export interface CliResult {
  code: number;
  stop?: () => Promise<void>;
}
