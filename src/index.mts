// The ESM face of the package re-exports the CommonJS build, so an app that mixes `import`
// and `require` talks to one agent, never two copies of it.
export { start, shutdown, flush, track, trackJob, forkContext, setActor, setSession, withFlow, health, EzlogsError } from './index.js';
export type { EzlogsErrorCode, Config, Health, DeliveryHealth, CircuitState, TrackFields, UniversalEvent, Ref, Outcome, Correlation, EventError, Platform } from './index.js';
