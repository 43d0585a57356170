import { ProxyTracerProvider, trace, type TracerProvider } from '@opentelemetry/api';

const noop = new ProxyTracerProvider().getDelegate();

/** The tracer provider another SDK (the app's own, or a vendor's) registered before us, if any. */
export function existingTracerProvider(): TracerProvider | undefined {
  const global = trace.getTracerProvider();
  const delegate = global instanceof ProxyTracerProvider ? global.getDelegate() : global;
  return delegate === noop ? undefined : delegate;
}

/**
 * Calls `onLate` with any provider another SDK tries to register after ours (the API refuses
 * it, and by default says so only through its own silent diag channel). Returns the undo.
 */
export function watchLateTracerProviders(onLate: (provider: TracerProvider) => void): () => void {
  const original = trace.setGlobalTracerProvider;
  const watched = function (this: typeof trace, provider: TracerProvider): boolean {
    const accepted = original.call(this, provider);
    if (!accepted) onLate(provider);
    return accepted;
  };
  trace.setGlobalTracerProvider = watched;
  return () => {
    if (trace.setGlobalTracerProvider === watched) trace.setGlobalTracerProvider = original;
  };
}
