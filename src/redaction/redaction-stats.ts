/** What was cut to the payload limits, by kind; `health().truncations` shows a copy. */
export type TruncationKind =
  | 'string_truncated'
  | 'event_truncated'
  | 'event_oversize'
  | 'depth_limited'
  | 'keys_limited'
  | 'circular_removed'
  | 'unreadable_value'
  | 'redaction_failed';

export class RedactionStats {
  private readonly counts: Record<string, number> = {};

  add(kind: TruncationKind): void {
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
  }

  snapshot(): Record<string, number> {
    return { ...this.counts };
  }
}
