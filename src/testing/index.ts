export { captureEvents, type EventCapture } from './event-capture';
export { assertFlow, assertCorrelated, FlowAssertionError } from './assert-flow';
export type { EventMatcher } from './event-matcher';
