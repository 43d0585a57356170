// import-in-the-middle ships this entry without types: a pure version check, no imports.
declare module 'import-in-the-middle/supports-sync-hooks.mjs' {
  /** Whether this node runs import-in-the-middle's loader hooks in-thread (`module.registerHooks`). */
  export function supportsSyncHooks(): boolean;
}
