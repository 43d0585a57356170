// Command-line flags shared by the bench scripts: `--quick`, `--rounds=3`, `--duration=10`, `--only=host,pipeline`.

/** Parses `--name=value`, `--name value` and bare `--flag` into an object; other words are ignored. */
export function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    if (eq > 0) out[arg.slice(2, eq)] = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) out[arg.slice(2)] = argv[++i];
    else out[arg.slice(2)] = true;
  }
  return out;
}

/** A positive number flag, else the environment variable, else the default for the mode. */
export function numberOption(args, name, envName, fallback) {
  const raw = args[name] ?? process.env[envName];
  const value = Number(raw);
  return raw !== undefined && raw !== true && Number.isFinite(value) && value > 0 ? value : fallback;
}
