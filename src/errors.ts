/** Stable codes, matched by code (not by message or class identity, which two copies of the package would break). */
export type EzlogsErrorCode =
  | 'EZLOGS_ERR_CONFIG_INVALID'
  | 'EZLOGS_ERR_ARGUMENT_INVALID'
  | 'EZLOGS_ERR_NOT_STARTED';

export class EzlogsError extends Error {
  readonly code: EzlogsErrorCode;

  constructor(code: EzlogsErrorCode, message: string) {
    super(message);
    this.name = 'EzlogsError';
    this.code = code;
  }
}
