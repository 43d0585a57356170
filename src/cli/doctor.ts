import { envTable, type OptionSpec } from '../config/env-table';
import { printableConfig, resolveConfig, type ResolveInput } from '../config/resolve-config';
import { readAgentStatuses } from '../lifecycle/agent-status';
import { checkEndpoint } from './check-endpoint';
import type { CliIo, CliResult } from './cli-io';

/**
 * `ezlogs doctor`: the configuration this environment gives a process (every option, its
 * value with secrets masked, where it came from), its problems, and whether the endpoint is
 * reachable and accepts the key. Exit 0 only when there are no problems and the endpoint accepted.
 */
export async function runDoctor(io: CliIo, input: Omit<ResolveInput, 'env'> = {}, timeoutMs = 5000): Promise<CliResult> {
  const resolved = resolveConfig({ ...input, env: io.env });
  const shown = printableConfig(resolved.config);
  const rows = (envTable as readonly OptionSpec[]).map((spec) => [spec.env, show(shown[spec.key]), resolved.sources[spec.key]] as const);
  const width = Math.max(...rows.map(([name]) => name.length));
  const valueWidth = Math.min(60, Math.max(...rows.map(([, value]) => value.length)));

  io.out('ezlogs doctor');
  io.out('');
  io.out(`${'option'.padEnd(width)}  ${'value'.padEnd(valueWidth)}  source`);
  for (const [name, value, source] of rows) io.out(`${name.padEnd(width)}  ${value.padEnd(valueWidth)}  ${source}`);
  io.out('');
  if (resolved.problems.length === 0) io.out('problems: none');
  else {
    io.out(`problems: ${resolved.problems.length}`);
    for (const p of resolved.problems) io.out(`  - ${p.message}`);
  }
  reportAgents(io, resolved.config.spoolDir);
  if (resolved.config.disabled) {
    io.out('endpoint: not checked, the agent is disabled (EZLOGS_DISABLED)');
    return { code: resolved.problems.length === 0 ? 0 : 1 };
  }
  if (!resolved.config.exporters.includes('ezlogs')) {
    io.out(`endpoint: not checked, the ezlogs exporter is off (EZLOGS_EXPORTER=${resolved.config.exporters.join(',')})`);
    return { code: resolved.problems.length === 0 ? 0 : 1 };
  }
  const check = await checkEndpoint(resolved.config, timeoutMs);
  io.out(`endpoint: ${resolved.config.endpoint} ${check.summary}`);
  return { code: resolved.problems.length === 0 && check.ok ? 0 : 1 };
}

/** What agent processes of this service recorded about their instrumentation (newest first). */
function reportAgents(io: CliIo, spoolDir: string): void {
  const statuses = readAgentStatuses(spoolDir).slice(0, 5);
  if (statuses.length === 0) {
    io.out(`agents: none has run with this spool directory yet (${spoolDir})`);
    return;
  }
  io.out('agents (newest first):');
  for (const s of statuses) {
    const patched = s.instrumentations.filter((i) => i.state === 'patched').map((i) => `${i.module}${i.version ? `@${i.version}` : ''}`);
    const early = s.instrumentations.filter((i) => i.state === 'loaded before agent').map((i) => i.module);
    io.out(`  pid ${s.pid} (${s.service}, node ${s.node}, last seen ${s.updated_at}): patched ${patched.length > 0 ? patched.join(', ') : 'nothing yet'}`);
    if (early.length > 0) {
      io.out(`    problem: ${early.join(', ')} loaded before the agent, so not fully instrumented; fix: start with node --import @ezlogs/node/register app.js`);
    }
  }
}

function show(value: unknown): string {
  if (value === undefined) return '(none)';
  if (Array.isArray(value)) return value.length === 0 ? '(empty)' : value.join(',');
  return String(value);
}
