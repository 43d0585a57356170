/** The package version; a test checks it against package.json so the two cannot drift. */
export const SDK_VERSION = '0.1.0';
export const SDK_NAME = 'ezlogs-node';
