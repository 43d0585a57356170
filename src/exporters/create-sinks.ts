import type { HealthSource } from '../agent-state';
import type { Config } from '../config/config';
import type * as DeliveryModule from '../delivery/delivery-engine';
import type * as OtlpModule from './otlp-sink';
import type { EventSink } from '../events/event-sink';
import { createConsoleSink } from './console-sink';

/**
 * Only the chosen exporters are built, and their code loaded: an app on `console` or `none`
 * never loads undici or the spool, and only `otlp` loads the OTLP exporter. `EZLOGS_DEBUG`
 * adds the console to whatever is chosen.
 */
export function createSinks(config: Readonly<Config>): { sinks: EventSink[]; delivery: HealthSource | undefined } {
  const sinks: EventSink[] = [];
  let delivery: HealthSource | undefined;
  const names = new Set(config.exporters);
  if (config.debug) names.add('console');
  if (names.has('ezlogs')) {
    const { createDeliveryEngine } = require('../delivery/delivery-engine') as typeof DeliveryModule;
    const engine = createDeliveryEngine(config);
    sinks.push(engine);
    delivery = engine;
  }
  if (names.has('otlp')) {
    const { createOtlpSink } = require('./otlp-sink') as typeof OtlpModule;
    sinks.push(createOtlpSink(config));
  }
  if (names.has('console')) sinks.push(createConsoleSink());
  return { sinks, delivery };
}
