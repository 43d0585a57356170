import type * as Pg from 'pg';

export type PgModule = typeof Pg;

/**
 * `pg` is an optional peer: only `--database-url` needs it, so it is loaded on first use
 * and its absence is one clear sentence rather than a stack trace.
 */
export async function loadPg(): Promise<{ ok: true; pg: PgModule } | { ok: false; error: string }> {
  try {
    const mod = (await import('pg')) as unknown as PgModule & { default?: PgModule };
    return { ok: true, pg: mod.default ?? mod };
  } catch (err) {
    return { ok: false, error: `--database-url needs the \`pg\` package, which could not be loaded (${(err as Error).message}); install it with: npm i pg` };
  }
}
