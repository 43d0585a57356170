/**
 * Strings a scan found nothing in, remembered so the next scan of the same text is a hash lookup.
 * Most strings of an event come back on every event: methods, routes, table names, and
 * parameterized statements (`... WHERE id = $1`), whose full scan costs ~11k instructions
 * against ~100 for a lookup. Two generations bound it: when the recent one is full it becomes
 * the older one and the oldest is dropped, so strings that keep coming back (a hit in the older
 * generation moves them forward) survive a stream of one-off ones, such as paths with ids.
 *
 * It only ever holds strings in which nothing was found, and every scan gives the same answer
 * for the same text, so a remembered string cannot hide a value a rule would mask.
 */
export class CleanStrings {
  private recent = new Set<string>();
  private older = new Set<string>();

  constructor(private readonly perGeneration: number) {}

  has(text: string): boolean {
    if (this.recent.has(text)) return true;
    if (!this.older.has(text)) return false;
    this.add(text);
    return true;
  }

  add(text: string): void {
    if (this.recent.size >= this.perGeneration) {
      this.older = this.recent;
      this.recent = new Set();
    }
    this.recent.add(text);
  }
}
