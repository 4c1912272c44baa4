import { tzlib_get_ical_block } from 'timezones-ical-library';

/**
 * The VTIMEZONE block of an IANA zone (timezones-ical-library, kept up with tzdata), so calendar
 * apps that do not know the zone by name still read `DTSTART;TZID=…` right. The block names the
 * zone as the events do: the library calls UTC `Etc/UTC`.
 */
export function vtimezone(tz: string): string | null {
  const found = tzlib_get_ical_block(tz);
  const block = Array.isArray(found) ? found[0] : undefined;
  if (!block) return null;
  return block.replace(/^TZID:.*$/m, `TZID:${tz}`).replace(/^X-LIC-LOCATION:.*$/m, `X-LIC-LOCATION:${tz}`);
}
