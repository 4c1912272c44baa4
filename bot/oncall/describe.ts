import type { ScheduleConfig } from './config-schema.js';

/**
 * A schedule's definition in a few lines: zone, what it covers, policy, then one line per
 * layer (`primary: alice → bob → carol, weekly from 2026-03-02 09:00, weekdays 09:00–17:00`).
 */
export function describeSchedule(schedule: ScheduleConfig, teamTz: string): string[] {
  const covers = [...schedule.services.map((s) => `service ${s}`), ...schedule.routes.map((r) => `route ${r}`)];
  const head = [
    schedule.timezone ?? `${teamTz} (the team's zone)`,
    covers.length > 0 ? `covers ${covers.join(', ')}` : 'covers no service yet',
    ...(schedule.policy ? [`policy ${schedule.policy}`] : []),
    ...(schedule.channel ? [`handoffs in ${schedule.channel}`] : []),
  ].join(', ');
  const layers = schedule.layers.map((l) => {
    const windows = l.restrictions.map((r) => `${r.days.join(',')} ${r.from === r.to ? 'all day' : `${r.from}–${r.to}`}`);
    return `${l.level}: ${l.people.join(' → ')}, ${l.shift} from ${l.start} ${l.handoff}${windows.length > 0 ? `, only ${windows.join('; ')}` : ''}`;
  });
  return [...(schedule.description ? [schedule.description] : []), head, ...layers];
}
