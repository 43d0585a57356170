/** Which sandbox a process is, told by the script its library forks. */
export type SandboxLibrary = 'bull' | 'bullmq';

const mainScripts: Record<SandboxLibrary, RegExp> = {
  bull: /[\\/]bull[\\/]lib[\\/]process[\\/]master\.js$/,
  bullmq: /[\\/]bullmq[\\/]dist[\\/](?:cjs|esm)[\\/]classes[\\/]main\.js$/,
};

export function sandboxLibraryOf(mainScript: string | undefined): SandboxLibrary | undefined {
  if (!mainScript) return undefined;
  for (const library of Object.keys(mainScripts) as SandboxLibrary[]) if (mainScripts[library].test(mainScript)) return library;
  return undefined;
}
