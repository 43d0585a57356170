#!/usr/bin/env node
import type { CliIo } from './cli-io';
import { runCli } from './run-cli';

/** The `ezlogs` bin: wires the real process to `runCli`. */
const io: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
};

runCli(process.argv.slice(2), io).then(
  (result) => {
    if (!result.stop) {
      process.exitCode = result.code;
      return;
    }
    const stop = result.stop;
    let stopping = false;
    const onSignal = (): void => {
      if (stopping) process.exit(130);
      stopping = true;
      void stop().then(() => process.exit(0));
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  },
  (err: unknown) => {
    io.err(`ezlogs: ${(err as Error).stack ?? String(err)}`);
    process.exitCode = 1;
  },
);
