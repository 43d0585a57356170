/** An instrumentation of ours that needs no OpenTelemetry instrumentation class (diagnostics channels). */
export interface OwnInstrumentation {
  name: string;
  enable(): void;
  disable(): void;
}
