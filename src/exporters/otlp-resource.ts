import { resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import type { Platform } from '../events/universal-event';
import { SDK_NAME, SDK_VERSION } from '../version';

export interface PlatformResource {
  resource: Resource;
  /**
   * Platform keys the resource cannot carry so that the receiver rebuilds them exactly
   * (an `sdk` without a `/`, a key OpenTelemetry has no attribute for): they travel as
   * `ezlogs.platform.<key>` record attributes instead.
   */
  leftovers: ReadonlyArray<readonly [string, unknown]>;
}

/**
 * `platform` as an OpenTelemetry resource, the way the receiver's OTLP mapping reads it back:
 * service -> `service.name`, environment -> `deployment.environment.name`, version ->
 * `service.version`, host -> `host.name`, sdk `name/version` -> `telemetry.sdk.name` +
 * `telemetry.sdk.version`, runtime `name/version` -> `process.runtime.name` + `.version`.
 *
 * One process has one platform, so the cache normally holds one entry; resource identity is
 * what the OTLP serializer groups records by, so it must be stable per platform.
 */
export function createResourceCache(): (platform: Platform) => PlatformResource {
  const cache = new Map<string, PlatformResource>();
  return (platform) => {
    const key = `${platform.service}\0${platform.environment}\0${platform.version ?? ''}\0${platform.host}\0${platform.sdk}\0${platform.runtime}\0${Object.keys(platform).length}`;
    let entry = cache.get(key);
    if (!entry) {
      // Bounded: a platform differs per event only when events are relayed for many services.
      if (cache.size >= 64) cache.clear();
      entry = buildResource(platform);
      cache.set(key, entry);
    }
    return entry;
  };
}

const carried = new Set(['service', 'environment', 'version', 'host', 'sdk', 'runtime']);

function buildResource(platform: Platform): PlatformResource {
  const attributes: Record<string, string> = {
    'service.name': platform.service,
    'telemetry.sdk.language': 'nodejs',
    'telemetry.distro.name': '@ezlogs/node',
    'telemetry.distro.version': SDK_VERSION,
  };
  const leftovers: Array<readonly [string, unknown]> = [];
  // The receiver ignores an empty resource value, so an empty one travels as an attribute.
  for (const [key, name] of [['environment', 'deployment.environment.name'], ['host', 'host.name'], ['version', 'service.version']] as const) {
    const value = platform[key];
    if (value === undefined) continue;
    if (value === '') leftovers.push([key, value]);
    else attributes[name] = value;
  }
  splitInto(attributes, leftovers, 'sdk', platform.sdk, 'telemetry.sdk', SDK_NAME);
  splitInto(attributes, leftovers, 'runtime', platform.runtime, 'process.runtime', 'node');
  for (const [key, value] of Object.entries(platform)) {
    if (!carried.has(key) && value !== undefined) leftovers.push([key, value]);
  }
  return { resource: resourceFromAttributes(attributes), leftovers };
}

/** `ezlogs-node/0.1.0` -> name + version, when the receiver's `${name}/${version}` gives it back. */
function splitInto(attributes: Record<string, string>, leftovers: Array<readonly [string, unknown]>, key: string, value: string, prefix: string, fallbackName: string): void {
  const slash = value.indexOf('/');
  if (slash > 0) {
    attributes[`${prefix}.name`] = value.slice(0, slash);
    attributes[`${prefix}.version`] = value.slice(slash + 1);
  } else {
    attributes[`${prefix}.name`] = fallbackName;
    leftovers.push([key, value]);
  }
}
