/** Payload limits applied while an event is redacted. All are per event unless named otherwise. */
export interface PayloadLimits {
  /** Longest kept string, in UTF-16 code units (longer ones are cut and marked). */
  maxStringLength: number;
  /** Nesting below this depth is replaced by a marker string. */
  maxDepth: number;
  /** Keys kept per object and items kept per array. */
  maxKeys: number;
  /** Objects, arrays and values visited per event; bounds wide-and-deep inputs. */
  maxNodes: number;
  /** Serialized size cap of the whole event (`EZLOGS_MAX_EVENT_BYTES`). */
  maxEventBytes: number;
}

export const defaultLimits: PayloadLimits = {
  maxStringLength: 2048,
  maxDepth: 8,
  maxKeys: 128,
  maxNodes: 1000,
  maxEventBytes: 8192,
};

/**
 * Secrets straddling the string cut must be seen whole by the detectors, so a long string is
 * scanned up to this many characters past the cap before it is cut (covers PEM keys and JWTs).
 */
export const scanMargin = 4096;
