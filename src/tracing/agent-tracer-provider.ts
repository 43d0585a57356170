import type { Tracer, TracerOptions, TracerProvider } from '@opentelemetry/api';
import type { Resource } from '@opentelemetry/resources';
import type * as Resources from '@opentelemetry/resources';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { AgentTracer } from './agent-tracer';

/**
 * The tracer provider the agent registers when no other SDK did: its tracers make `AgentSpan`s
 * and hand them to its span processors (ours first; a late SDK's are added with
 * `addSpanProcessor`, as SDK 1.x providers took them). The resource, which only another SDK's
 * exporter reads (our events carry their own platform block), is built on first read, named after the service.
 */
export class AgentTracerProvider implements TracerProvider {
  private readonly processors: SpanProcessor[];
  private readonly tracers = new Map<string, AgentTracer>();
  private builtResource: Resource | undefined;

  private readonly serviceName: string | undefined;

  constructor(options: { spanProcessors: readonly SpanProcessor[]; serviceName?: string }) {
    this.processors = [...options.spanProcessors];
    this.serviceName = options.serviceName;
  }

  getTracer(name: string, version?: string, options?: TracerOptions): Tracer {
    const key = `${name}@${version ?? ''}:${options?.schemaUrl ?? ''}`;
    let tracer = this.tracers.get(key);
    if (!tracer) {
      const scope = { name, version, schemaUrl: options?.schemaUrl };
      tracer = new AgentTracer({ processors: this.processors, instrumentationScope: scope, resource: () => this.resource() });
      this.tracers.set(key, tracer);
    }
    return tracer;
  }

  /** Adds a processor for every span from now on, including those of tracers already handed out. */
  addSpanProcessor(processor: SpanProcessor): void {
    if (!this.processors.includes(processor)) this.processors.push(processor);
  }

  resource(): Resource {
    if (!this.builtResource) {
      const { defaultResource, resourceFromAttributes } = require('@opentelemetry/resources') as typeof Resources;
      const base = defaultResource();
      this.builtResource = this.serviceName ? base.merge(resourceFromAttributes({ 'service.name': this.serviceName })) : base;
    }
    return this.builtResource;
  }

  async forceFlush(): Promise<void> {
    await Promise.all(this.processors.map((p) => p.forceFlush()));
  }

  async shutdown(): Promise<void> {
    await Promise.all(this.processors.map((p) => p.shutdown()));
  }
}
