import type { CliIo } from '../../src/cli/cli-io.js';

/** A CliIo that keeps what a command printed. */
export function captureIo(env: Record<string, string | undefined> = {}): CliIo & { stdout: string[]; stderr: string[]; text(): string } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { env, stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), text: () => stdout.join('\n') };
}
