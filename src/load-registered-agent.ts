import { runningAgent } from './agent-state';

// An app that uses the API needs the agent it registered in place now, not at its first
// request: `withFlow` and `setActor` work through the context manager the agent installs.
// This runs before the API's own modules load OpenTelemetry: their `require` of the
// OpenTelemetry API would otherwise be taken for the app's first use of it, and start the
// agent from inside the API's half-loaded modules.
runningAgent();
