// The pure parts of the bench harness, checked in CI without running a benchmark (issue 8).
import { describe, expect, it } from 'vitest';
import { numberOption, parseArgs } from '../../bench/lib/bench-args.mjs';
import { formatPercent, formatSummary, formatTable } from '../../bench/lib/format-table.mjs';
import { cpuMsFromStat, kbFieldFromStatus } from '../../bench/lib/proc-usage.mjs';
import { median, overhead, percentileOfSorted, percentiles, summarize } from '../../bench/lib/stats.mjs';
import { pairedOverheads } from '../../bench/side-by-side/host-overhead.mjs';
import { evaluateTargets } from '../../bench/report/targets.mjs';
import { parseTimeLine } from '../../bench/startup/measure-startup.mjs';
import { countAllPackages } from '../../bench/startup/measure-footprint.mjs';

describe('stats', () => {
  it.each([
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[10, -10], 0],
  ])('the median of %j is %d', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('has no median, min or max without samples, rather than a made-up zero', () => {
    expect(median([])).toBeNaN();
    expect(summarize([])).toEqual({ median: NaN, min: NaN, max: NaN, n: 0 });
  });

  it('summarizes rounds as median and min–max, ignoring rounds that measured nothing', () => {
    expect(summarize([12, 7, NaN, 30])).toEqual({ median: 12, min: 7, max: 30, n: 3 });
  });

  it('takes nearest-rank percentiles: p99 of 1..100 is 99, p50 is 50', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentileOfSorted(sorted, 0.99)).toBe(99);
    expect(percentileOfSorted(sorted, 0.5)).toBe(50);
    expect(percentileOfSorted(sorted, 1)).toBe(100);
    expect(percentileOfSorted([7], 0.01)).toBe(7);
  });

  it('sorts samples numerically, not as strings, before taking percentiles', () => {
    const samples = new Float64Array([100, 9, 20, 3, 1000]);
    expect(percentiles(samples)).toEqual({ p50: 20, p95: 1000, p99: 1000, max: 1000, n: 5 });
    expect(samples[0]).toBe(100); // the caller's samples are left as they were
  });

  it('counts a throughput loss and a cost increase as positive overhead', () => {
    expect(overhead(8000, 10000, true)).toBeCloseTo(0.2);
    expect(overhead(150, 100, false)).toBeCloseTo(0.5);
    expect(overhead(1, 0, true)).toBeNaN();
  });
});

describe('host overhead pairing', () => {
  it('compares each round with the baseline of the same round, so drift between rounds cancels', () => {
    const rounds = [
      { round: 1, configuration: 'none', req_per_s: 1000, latency_p99_ms: 2, cpu_us_per_request: 50, rss_mib: 60 },
      { round: 1, configuration: 'agent', req_per_s: 900, latency_p99_ms: 3, cpu_us_per_request: 60, rss_mib: 80 },
      // the machine got twice as slow in round 2: the paired loss is the same 10%
      { round: 2, configuration: 'none', req_per_s: 500, latency_p99_ms: 4, cpu_us_per_request: 100, rss_mib: 60 },
      { round: 2, configuration: 'agent', req_per_s: 450, latency_p99_ms: 6, cpu_us_per_request: 120, rss_mib: 82 },
    ];
    const agent = pairedOverheads(rounds, 'none').agent;
    expect(agent?.req_per_s.median).toBeCloseTo(0.1);
    expect(agent?.req_per_s.min).toBeCloseTo(0.1);
    expect(agent?.latency_p99_ratio.median).toBeCloseTo(1.5);
    expect(agent?.rss_mib_added).toEqual({ median: 21, min: 20, max: 22, n: 2 });
  });
});

describe('formatting', () => {
  it('prints a padded markdown table', () => {
    expect(formatTable(['name', 'req/s'], [['none', '12,000'], ['ezlogs', '9']])).toBe(
      ['| name   | req/s  |', '|--------|--------|', '| none   | 12,000 |', '| ezlogs | 9      |'].join('\n'),
    );
  });

  it('prints a summary as median (min–max), and a single round without a range', () => {
    expect(formatSummary({ median: 1234.5, min: 1000, max: 1500, n: 3 }, 0, ' ms')).toBe('1,235 ms (1,000–1,500)');
    expect(formatSummary({ median: 2.5, min: 2.5, max: 2.5, n: 1 }, 1)).toBe('2.5');
    expect(formatSummary({ median: NaN, min: NaN, max: NaN, n: 0 })).toBe('-');
  });

  it('prints overheads as signed percentages', () => {
    expect(formatPercent(-0.123)).toBe('−12.3%');
    expect(formatPercent(0.05)).toBe('+5.0%');
    expect(formatPercent(NaN)).toBe('-');
  });
});

describe('measurement parsers', () => {
  it('reads utime+stime from /proc/<pid>/stat even when the command name holds spaces and parentheses', () => {
    const stat = '4242 (node (my app)) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 50 0 0 20 0 11 0 100 1000000 5000';
    expect(cpuMsFromStat(stat, 100)).toBe(3000);
  });

  it('reads kB fields of /proc/<pid>/status as bytes', () => {
    const status = 'Name:\tnode\nVmHWM:\t  81234 kB\nVmRSS:\t   70000 kB\n';
    expect(kbFieldFromStatus(status, 'VmRSS')).toBe(70000 * 1024);
    expect(kbFieldFromStatus(status, 'VmSwap')).toBeNaN();
  });

  it('reads the last `%e %M` line of GNU time, after whatever the app printed', () => {
    expect(parseTimeLine('[ezlogs] a warning\n0.72 83084\n')).toEqual({ seconds: 0.72, peakRssKib: 83084 });
    expect(parseTimeLine('Command exited with non-zero status 1\n')).toBeUndefined();
  });

  it('counts every installed package of a lockfile, not the root', () => {
    const lock = { packages: { '': {}, 'node_modules/a': {}, 'node_modules/@s/b': {}, 'node_modules/a/node_modules/c': {} } };
    expect(countAllPackages(JSON.stringify(lock))).toBe(3);
  });

  it('parses --flag=value, --flag value and bare flags, and falls back on bad numbers', () => {
    const args = parseArgs(['--quick', '--rounds=5', '--only', 'host,startup', '--duration', 'abc']);
    expect(args).toEqual({ quick: true, rounds: '5', only: 'host,startup', duration: 'abc' });
    expect(numberOption(args, 'rounds', 'BENCH_TEST_UNSET', 3)).toBe(5);
    expect(numberOption(args, 'duration', 'BENCH_TEST_UNSET', 10)).toBe(10);
  });
});

describe('targets', () => {
  const s = (median: number) => ({ median, min: median, max: median, n: 1 });

  it('misses the pipeline target when events were lost, however fast it ran', () => {
    const pipeline = {
      settings: { rounds: 1, seconds: 10, memory_events: 100_000 },
      throughput: [],
      memory: [],
      summary: {
        events_per_s: s(150_000), events_lost: s(3), events_missing_at_sink: s(0), events_dropped: s(0),
        span_end_p50_us: s(4), span_end_p99_us: s(30), memory_bytes_per_event: s(240),
      },
    };
    const verdicts = evaluateTargets({ pipeline });
    expect(verdicts.map((v) => v.met)).toEqual([false, false, true]);
    expect(verdicts[0]?.measured).toBe('150,000 events/s, 3 lost or dropped');
  });

  it('gives no verdict for a suite that did not run', () => {
    expect(evaluateTargets({})).toEqual([]);
  });
});
