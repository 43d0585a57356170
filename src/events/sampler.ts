/**
 * Consistent per trace: every process that sees a trace id makes the same choice, so a
 * kept trace is kept whole across services. Failures bypass it (see the pipeline).
 */
export function createTraceSampler(rate: number): (traceId: string) => boolean {
  if (rate >= 1) return () => true;
  if (rate <= 0) return () => false;
  const threshold = Math.floor(rate * 0x1_0000_0000);
  return (traceId) => {
    // The last 8 hex digits are random in W3C trace ids (the first ones may carry time).
    const n = Number.parseInt(traceId.slice(-8), 16);
    return Number.isNaN(n) ? true : n < threshold;
  };
}
