/**
 * Stable codes, matched by code (not by message or class identity, which two copies of the
 * package would break). Only API argument checks throw: a bad configuration never does, it is
 * reported and defaulted.
 */
export type EzlogsErrorCode = 'EZLOGS_ERR_ARGUMENT_INVALID';

export class EzlogsError extends Error {
  readonly code: EzlogsErrorCode;

  constructor(code: EzlogsErrorCode, message: string) {
    super(message);
    this.name = 'EzlogsError';
    this.code = code;
  }
}
