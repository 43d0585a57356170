// The service configurations of the host-overhead bench. Every one gets the same app, the same
// environment and the same sink; only the `--import` (and, for the fault rounds, where the
// ezlogs endpoint points) differs.

// `ezlogs-exporter-none` is diagnostic: the instrumentation and mapping cost without any delivery.
export const configurationNames = ['none', 'vanilla', 'ezlogs', 'ezlogs-exporter-none', 'ezlogs-down', 'ezlogs-hanging'];

/**
 * The env every configuration shares: both agents' variables are set for all of them, so no
 * configuration differs by what it inherits. The resource detectors are cut to the local ones:
 * the default set probes cloud metadata at 169.254.169.254, which is not loopback.
 */
export function sharedEnv({ sinkUrl, databaseUrl, spoolDir }) {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    NODE_ENV: 'production',
    BENCH_DATABASE_URL: databaseUrl,
    OTEL_SERVICE_NAME: 'bench-service',
    OTEL_NODE_RESOURCE_DETECTORS: 'env,host,os,process',
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    OTEL_EXPORTER_OTLP_ENDPOINT: sinkUrl,
    OTEL_METRICS_EXPORTER: 'none',
    OTEL_LOGS_EXPORTER: 'none',
    EZLOGS_ENDPOINT: `${sinkUrl}/events`,
    ...(spoolDir === undefined ? {} : { EZLOGS_SPOOL_DIR: spoolDir }),
  };
}

/** The node arguments and env of one configuration. */
export function configurationLaunch(name, { servicePath, env, closedPortUrl, hangingSinkUrl }) {
  switch (name) {
    case 'none':
      return { args: [servicePath], env };
    case 'vanilla':
      return { args: ['--import', '@opentelemetry/auto-instrumentations-node/register', servicePath], env };
    case 'ezlogs':
      return { args: ['--import', '@ezlogs/node/register', servicePath], env };
    case 'ezlogs-exporter-none':
      return { args: ['--import', '@ezlogs/node/register', servicePath], env: { ...env, EZLOGS_EXPORTER: 'none' } };
    case 'ezlogs-down':
      return { args: ['--import', '@ezlogs/node/register', servicePath], env: { ...env, EZLOGS_ENDPOINT: `${closedPortUrl}/events` } };
    case 'ezlogs-hanging':
      return { args: ['--import', '@ezlogs/node/register', servicePath], env: { ...env, EZLOGS_ENDPOINT: `${hangingSinkUrl}/events` } };
    default:
      throw new Error(`unknown configuration ${name}`);
  }
}
