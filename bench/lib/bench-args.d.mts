export type BenchArgs = Record<string, string | true>;
export function parseArgs(argv: readonly string[]): BenchArgs;
export function numberOption(args: BenchArgs, name: string, envName: string, fallback: number): number;
