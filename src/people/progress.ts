/**
 * A progress bar for long command-line jobs, on stderr so stdout stays clean for results.
 * On a terminal it redraws one line at most ten times a second; otherwise (a pipe, a log file,
 * CI) it prints a plain line at each tenth of the way, so logs stay short.
 */
export class ProgressBar {
  private lastDraw = 0;
  private lastTenth = -1;
  private drawn = false;
  private readonly started = Date.now();

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly tty: boolean = Boolean(process.stderr.isTTY),
  ) {}

  /** `fraction` of the way (0 to 1); `detail` such as "12,000 rows". */
  update(fraction: number, detail: string): void {
    const f = Math.max(0, Math.min(1, fraction));
    if (this.tty) {
      const now = Date.now();
      if (now - this.lastDraw < 100) return;
      this.lastDraw = now;
      const width = 24;
      const full = Math.round(f * width);
      this.stream.write(`\r${this.label} [${'#'.repeat(full)}${'.'.repeat(width - full)}] ${Math.floor(f * 100)}% ${detail}\x1b[K`);
      this.drawn = true;
    } else {
      const tenth = Math.floor(f * 10);
      if (tenth <= this.lastTenth || tenth >= 10) return;
      this.lastTenth = tenth;
      this.stream.write(`${this.label}: ${tenth * 10}% ${detail}\n`);
    }
  }

  /** Ends the bar with a final line. */
  done(detail: string): void {
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    const line = `${this.label}: done, ${detail} in ${seconds} s`;
    this.stream.write(this.tty && this.drawn ? `\r${line}\x1b[K\n` : `${line}\n`);
  }
}

/** 1234567 → "1,234,567" (en-GB). */
export function count(n: number): string {
  return n.toLocaleString('en-GB');
}
