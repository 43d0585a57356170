/** Sent as `User-Agent` (SPEC section 4). Kept in one place so a release bumps a single line. */
export const sdkVersion = '0.1.0';
export const userAgent = `ezlogs-node/${sdkVersion}`;
