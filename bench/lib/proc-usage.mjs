// CPU time and memory of another process, read from /proc so the service needs no cooperation.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond;
function clockTicks() {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** Parses the utime+stime of a /proc/<pid>/stat line into ms; the comm field may hold spaces. */
export function cpuMsFromStat(statLine, ticks = 100) {
  const fields = statLine.slice(statLine.lastIndexOf(')') + 2).split(' ');
  // Fields after `comm`: index 11 is utime and 12 stime (fields 14 and 15 of proc(5)).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks;
}

/** Reads a `Name:   123 kB` line of /proc/<pid>/status as bytes. */
export function kbFieldFromStatus(status, name) {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

/** CPU ms used so far, resident and peak-resident bytes of a live process; undefined once it is gone. */
export function readProcessUsage(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return { cpuMs: cpuMsFromStat(stat, clockTicks()), rssBytes: kbFieldFromStatus(status, 'VmRSS'), peakRssBytes: kbFieldFromStatus(status, 'VmHWM') };
  } catch {
    return undefined;
  }
}
