// What the numbers were measured on: printed with every table, stored with every result.
import { cpus, loadavg, totalmem } from 'node:os';

export function describeMachine() {
  const cpu = cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu_model: cpu[0]?.model ?? 'unknown',
    cpu_count: cpu.length,
    memory_gib: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    load_average_at_start: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
