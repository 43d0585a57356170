// First, before the modules below load OpenTelemetry as a library (see the module's note).
import '../load-registered-agent';
export { captureEvents, type EventCapture } from './event-capture';
export { assertFlow, assertCorrelated, FlowAssertionError } from './assert-flow';
export type { EventMatcher } from './event-matcher';
