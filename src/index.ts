// First, before the modules below load OpenTelemetry as a library (see the module's note).
import './load-registered-agent';
export { start, shutdown, flush } from './agent';
export { track } from './api/track';
export { trackJob } from './api/track-job';
export { forkContext } from './api/fork-context';
export { setActor, setSession, withFlow } from './api/correlation-api';
export { health } from './api/health-api';
export { EzlogsError, type EzlogsErrorCode } from './errors';
export type { Config } from './config/config';
export type { Health, DeliveryHealth, CircuitState } from './health/health';
export type { TrackFields } from './events/pending-track';
export type { UniversalEvent, Ref, Outcome, Correlation, EventError, Platform } from './events/universal-event';
