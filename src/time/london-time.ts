/** 'YYYY-MM-DD' + 'HH:MM' as wall-clock time in England (GMT or BST) → the instant. */
export function londonDateTime(date: string, time: string): Date {
  const guess = new Date(`${date}T${time}:00Z`);
  const fmt = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  const parts = Object.fromEntries(fmt.formatToParts(guess).map((p) => [p.type, p.value]));
  const asLondon = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour) % 24, Number(parts.minute));
  return new Date(guess.getTime() - (asLondon - guess.getTime()));
}

/** The wall-clock time in England at an instant, as 'HH:MM'. */
export function londonTimeOfDay(instant: Date): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour12: false, hour: '2-digit', minute: '2-digit' }).format(instant);
}
