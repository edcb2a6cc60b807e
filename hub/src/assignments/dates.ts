/**
 * Dates as French readers of the hub's messages expect them: « 3 décembre 2026 à
 * 18:00 », in metropolitan French time (the platform's; overseas academies read the
 * same instant with its UTC offset in the UI, which formats dates itself).
 */
const FORMAT = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Paris'
});

export function frenchDate(iso: string): string {
  return FORMAT.format(new Date(iso));
}
