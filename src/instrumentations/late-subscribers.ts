/**
 * Handlers that subscribe to a diagnostics channel while that channel is publishing miss the
 * message being published (node delivers it to the subscribers it had when publishing began).
 * That is exactly how the agent loads on first use: the first `http.server.request.start` makes
 * it load, and the instrumentation that loads then subscribes too late for that very request.
 * Such instrumentations leave their handler here, and the first-use trigger hands it the
 * message, so the request that woke the agent is traced like every other one.
 */
type Handler = (message: unknown) => void;

const handlers = new Map<string, Handler>();

/** Registers the handler that should receive a missed message of `channel`; returns its removal. */
export function registerLateSubscriber(channel: string, handler: Handler): () => void {
  handlers.set(channel, handler);
  return () => {
    if (handlers.get(channel) === handler) handlers.delete(channel);
  };
}

/** Hands a message published before the agent loaded to the handler that subscribed since. Never throws. */
export function replayToLateSubscriber(channel: string, message: unknown): void {
  const handler = handlers.get(channel);
  if (!handler) return;
  try {
    handler(message);
  } catch {
    // A subscriber's throw would be rethrown by node on the next tick, in the app: swallow it.
  }
}
