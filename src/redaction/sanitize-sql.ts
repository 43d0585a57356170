/**
 * First version (issue 2): string and numeric literals become `?`. Issue 4 deepens this
 * (dollar quotes, IN lists, comments) behind the same function.
 */
export function sanitizeSql(sql: string): string {
  return sql
    .replace(/'(?:[^']|'')*'/g, '?')
    .replace(/(?<![\w$])-?\d+(?:\.\d+)?\b/g, '?');
}
