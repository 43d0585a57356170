import type { UniversalEvent } from '../events/universal-event';
import { newBatchId } from './batch-id';
import type { BatchDraft } from './encode-batch';
import type { WireFormat } from './encoded-batch';
import { bodyOfItems, serializeEvent, wrapperBytes } from './wire-format';

/** Well under the 1-5 MB request limits common in front of ingestion services. */
export const defaultMaxBatchBytes = 1024 * 1024;

export interface BatcherOptions {
  batchSize: number;
  /** Cap on the uncompressed body, in bytes of UTF-8. */
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
  /** An event serialized by the previous cut that did not fit in its batch, and its UTF-8 size. */
  private carry: { text: string; bytes: number } | undefined;

  constructor(private readonly options: BatcherOptions) {}

  push(event: UniversalEvent): void {
    this.events.push(event);
  }

  size(): number {
    return this.events.length - this.head + (this.carry === undefined ? 0 : 1);
  }

  /**
   * Serializes up to one batch (count and byte caps) from the oldest events, each event on its
   * own: an event JSON cannot hold is dropped alone, and the byte cap is exact.
   */
  cut(): BatchDraft | undefined {
    const { batchSize, maxBatchBytes, format } = this.options;
    const items: string[] = [];
    let itemBytes = 0;
    if (this.carry !== undefined) {
      items.push(this.carry.text);
      itemBytes += this.carry.bytes;
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
      const bytes = Buffer.byteLength(text);
      if (bytes + wrapperBytes(format, 1) > maxBatchBytes) {
        this.options.onDropped('too_large', 1);
        continue;
      }
      if (items.length > 0 && itemBytes + bytes + wrapperBytes(format, items.length + 1) > maxBatchBytes) {
        this.carry = { text, bytes };
        break;
      }
      items.push(text);
      itemBytes += bytes;
    }
    this.compact();
    return items.length === 0 ? undefined : { id: newBatchId(), format, count: items.length, body: bodyOfItems(items, format, itemBytes) };
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
