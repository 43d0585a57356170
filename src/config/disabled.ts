import { boolean } from './parsers';

/**
 * Read before anything else is loaded, so that a disabled agent costs one env lookup and
 * patches nothing. Same names and parser as the `disabled` option of the env table.
 */
export function isDisabledByEnv(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  for (const name of ['EZLOGS_DISABLED', 'OTEL_SDK_DISABLED']) {
    const raw = env[name];
    if (raw === undefined) continue;
    const parsed = boolean()(raw);
    return parsed.ok && parsed.value;
  }
  return false;
}
