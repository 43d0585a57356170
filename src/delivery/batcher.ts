import type { UniversalEvent } from '../events/universal-event';
import { newBatchId } from './batch-id';
import { draftOfItems, type BatchDraft } from './encode-batch';
import type { WireFormat } from './encoded-batch';
import { serializeBatch, serializeEvent } from './wire-format';

/** Well under the 1-5 MB request limits common in front of ingestion services. */
export const defaultMaxBatchBytes = 1024 * 1024;

export interface BatcherOptions {
  batchSize: number;
  /** Cap on the uncompressed body, counted in UTF-16 units (equal to bytes for ASCII JSON). */
  maxBatchBytes: number;
  format: WireFormat;
  onDropped: (reason: 'too_large' | 'unserializable', events: number) => void;
}

/**
 * Events waiting to be cut into batches. `push` is the app's hot path: an array append and
 * nothing else; serialization happens in `cut`, one batch per call, off the app's request.
 */
export class Batcher {
  private events: UniversalEvent[] = [];
  private head = 0;
  /** An event serialized by the previous cut that did not fit in its batch. */
  private carry: string | undefined;

  constructor(private readonly options: BatcherOptions) {}

  push(event: UniversalEvent): void {
    this.events.push(event);
  }

  size(): number {
    return this.events.length - this.head + (this.carry === undefined ? 0 : 1);
  }

  /** Serializes up to one batch (count and byte caps) from the oldest events. */
  cut(): BatchDraft | undefined {
    const draft = (this.carry === undefined ? this.cutWhole() : undefined) ?? this.cutOneByOne();
    this.compact();
    return draft;
  }

  /**
   * The common case: the next `batchSize` events serialize in one call and fit the byte cap.
   * Undefined (nothing consumed) when they do not, or one of them cannot be serialized: then
   * `cutOneByOne` finds which, at the cost of serializing them twice. A byte-capped cut leaves
   * a carry, so a backlog of large events stays on the one-by-one path instead of paying twice.
   */
  private cutWhole(): BatchDraft | undefined {
    const { batchSize, maxBatchBytes, format } = this.options;
    const end = Math.min(this.events.length, this.head + batchSize);
    if (end === this.head) return undefined;
    const events = this.events.slice(this.head, end);
    let body: string;
    try {
      body = serializeBatch(events, format);
    } catch {
      return undefined;
    }
    if (body.length > maxBatchBytes) return undefined;
    this.head = end;
    return { id: newBatchId(), format, count: events.length, body };
  }

  private cutOneByOne(): BatchDraft | undefined {
    const { batchSize, maxBatchBytes, format } = this.options;
    const items: string[] = [];
    let bytes = 2;
    if (this.carry !== undefined) {
      items.push(this.carry);
      bytes += this.carry.length;
      this.carry = undefined;
    }
    while (items.length < batchSize && this.head < this.events.length) {
      const event = this.events[this.head] as UniversalEvent;
      this.head += 1;
      let text: string;
      try {
        text = serializeEvent(event, format);
      } catch {
        this.options.onDropped('unserializable', 1);
        continue;
      }
      if (text.length + 2 > maxBatchBytes) {
        this.options.onDropped('too_large', 1);
        continue;
      }
      if (bytes + text.length + 1 > maxBatchBytes && items.length > 0) {
        this.carry = text;
        break;
      }
      items.push(text);
      bytes += text.length + 1;
    }
    return items.length === 0 ? undefined : draftOfItems(newBatchId(), format, items);
  }

  private compact(): void {
    if (this.head === this.events.length) {
      this.events = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.events.length) {
      // Dropping the consumed prefix now and then keeps cut O(batch), not O(backlog).
      this.events = this.events.slice(this.head);
      this.head = 0;
    }
  }
}
