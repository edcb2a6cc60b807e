/**
 * The last lines a process wrote, kept to explain a failure.
 */

/**
 * Keeps the last `maxLines` lines written to a stream, each cut to `maxLineLength`.
 */
export class OutputTail {
  /**
   * @param maxLines - how many lines to keep.
   * @param maxLineLength - the longest line kept, in characters.
   */
  constructor(
    private readonly maxLines = 40,
    private readonly maxLineLength = 500
  ) {}

  /**
   * Add a chunk of output; a line may span chunks.
   */
  push(chunk: string): void {
    const parts = (this._partial + chunk).split('\n');
    this._partial = parts.pop() ?? '';
    for (const line of parts) {
      this._lines.push(line.slice(0, this.maxLineLength));
    }
    this._lines.splice(0, Math.max(0, this._lines.length - this.maxLines));
    this._partial = this._partial.slice(-this.maxLineLength);
  }

  /**
   * The lines kept, the unfinished one included, joined with newlines.
   */
  toString(): string {
    return [...this._lines, ...(this._partial ? [this._partial] : [])].join(
      '\n'
    );
  }

  private _lines: string[] = [];
  private _partial = '';
}
