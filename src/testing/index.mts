export { captureEvents, assertFlow, assertCorrelated, FlowAssertionError } from './index.js';
export type { EventCapture, EventMatcher } from './index.js';
