/**
 * Component type names (the keys used in a Collector config) that exist in the OpenTelemetry
 * Collector Contrib distribution, taken from
 * open-telemetry/opentelemetry-collector-releases distributions/otelcol-contrib/manifest.yaml
 * at release v0.136.0 (the image docker-compose.yml pins). A subset: the components one may
 * reasonably put in front of ezlogs; add to it, from that manifest, when a config needs more.
 */
export const contribVersion = '0.136.0';

export const contribComponents = {
  receivers: ['otlp', 'nop', 'filelog', 'fluentforward', 'hostmetrics', 'jaeger', 'journald', 'k8s_events', 'k8sobjects', 'kafka', 'kubeletstats', 'otlpjsonfile', 'prometheus', 'syslog', 'tcplog', 'udplog', 'zipkin'],
  processors: ['batch', 'memory_limiter', 'attributes', 'filter', 'groupbyattrs', 'k8sattributes', 'logdedup', 'probabilistic_sampler', 'redaction', 'resource', 'resourcedetection', 'tail_sampling', 'transform'],
  exporters: ['debug', 'nop', 'otlp', 'otlphttp', 'file', 'kafka', 'loadbalancing'],
  extensions: ['health_check', 'file_storage', 'db_storage', 'pprof', 'zpages', 'basicauth', 'bearertokenauth', 'headers_setter', 'oauth2client', 'oidc', 'opamp'],
  connectors: ['forward', 'count', 'failover', 'roundrobin', 'routing'],
} as const;

export type ComponentKind = keyof typeof contribComponents;
