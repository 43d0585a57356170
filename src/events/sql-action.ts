/**
 * The SPEC's db rule: INSERT/UPDATE/DELETE are `data.change` with action `<table>.create|update|delete`;
 * everything else is `db.query` with action `<VERB> <table>`. Reads only the statement's head.
 */
export interface SqlAction {
  eventType: 'db.query' | 'data.change';
  action: string;
  table: string | undefined;
}

const leadingComments = /^(?:\s+|--[^\n]*\n|\/\*[^*]*\*+(?:[^/*][^*]*\*+)*\/)*/;
const changeVerbs: Record<string, string> = { insert: 'create', update: 'update', delete: 'delete' };
const tableAfter: Record<string, RegExp> = {
  insert: /^insert\s+into\s+([\w."]+)/i,
  update: /^update\s+(?:only\s+)?([\w."]+)/i,
  delete: /^delete\s+from\s+(?:only\s+)?([\w."]+)/i,
  select: /\bfrom\s+([\w."]+)/i,
};
const changeInWith = /\b(insert\s+into|update|delete\s+from)\s+([\w."]+)/i;

// Most statements start with their verb: no comment stripping, no regex for the verb
// (bench/micro/pipeline-stages.bench.mjs, map).
export function sqlAction(statement: string): SqlAction {
  const capped = statement.length > 2000 ? statement.slice(0, 2000) : statement;
  const head = isLetter(capped.charCodeAt(0)) ? capped : capped.replace(leadingComments, '');
  let verbEnd = 0;
  while (isLetter(head.charCodeAt(verbEnd))) verbEnd++;
  const verb = head.slice(0, verbEnd).toLowerCase();
  if (verb in changeVerbs) {
    const table = cleanTable(tableAfter[verb]?.exec(head)?.[1]);
    return { eventType: 'data.change', action: `${table ?? 'unknown'}.${changeVerbs[verb]}`, table };
  }
  if (verb === 'with') {
    const change = changeInWith.exec(head);
    if (change) {
      const kind = (change[1] as string).split(/\s+/)[0]?.toLowerCase() ?? '';
      const table = cleanTable(change[2]);
      return { eventType: 'data.change', action: `${table ?? 'unknown'}.${changeVerbs[kind] ?? kind}`, table };
    }
  }
  if (verb === 'select' || verb === 'with') {
    const table = cleanTable(tableAfter.select?.exec(head)?.[1]);
    return { eventType: 'db.query', action: table ? `SELECT ${table}` : 'SELECT', table };
  }
  return { eventType: 'db.query', action: verb ? verb.toUpperCase() : 'QUERY', table: undefined };
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function cleanTable(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (!raw.includes('"') && !raw.includes('.')) return raw;
  const parts = raw.replace(/"/g, '').split('.');
  return parts[parts.length - 1] || undefined;
}
