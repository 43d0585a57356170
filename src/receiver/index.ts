/** The dev receiver as a library: what `ezlogs dev`, the demo and end-to-end tests start in-process. */
export { createReceiver, type ListenInfo, type Receiver } from './receiver';
export type { ReceiverOptions } from './receiver-options';
export type { FaultOptions } from './faults';
export type { ReceiverStats } from './receiver-stats';
export type { ReceivedRequest } from './received-request';
export type { AgentReport } from './agent-health';
export { healthHeader } from './agent-health';
