import type { Summary } from './stats.mjs';
export function formatNumber(value: number | undefined | null, digits?: number): string;
export function formatSummary(summary: Summary | undefined, digits?: number, unit?: string): string;
export function formatPercent(fraction: number | undefined, digits?: number): string;
export function formatVerdict(met: boolean | undefined): string;
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string;
