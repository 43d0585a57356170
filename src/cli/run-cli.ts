import type { CliIo, CliResult } from './cli-io';
import { runDev } from './dev';
import { runDoctor } from './doctor';
import { helpText } from './help-text';
import { runSpool } from './spool';

/** Dispatches `ezlogs <command>`; in-process so tests drive it without a build. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<CliResult> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'dev':
      return runDev(rest, io);
    case 'doctor':
      return runDoctor(io);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(helpText);
      return { code: command === undefined ? 2 : 0 };
    case 'spool':
      return runSpool(rest, io);
    default:
      io.err(`ezlogs: unknown command ${JSON.stringify(command)}`);
      io.err(helpText);
      return { code: 2 };
  }
}
