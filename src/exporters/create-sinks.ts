import type { HealthSource } from '../agent-state';
import type { Config } from '../config/config';
import type { EventSink } from '../events/event-sink';
import { createConsoleSink } from './console-sink';

/** Only the chosen exporters are built (and their code loaded). `EZLOGS_DEBUG` adds the console. */
export function createSinks(config: Readonly<Config>): { sinks: EventSink[]; delivery: HealthSource | undefined } {
  const sinks: EventSink[] = [];
  const delivery: HealthSource | undefined = undefined;
  const names = new Set(config.exporters);
  if (config.debug) names.add('console');
  if (names.has('console')) sinks.push(createConsoleSink());
  return { sinks, delivery };
}
