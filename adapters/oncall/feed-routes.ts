import type { AppContext } from '../../bot/app-context.js';
import { feedCalendar } from '../../bot/oncall/feed-content.js';
import { feedSecret } from '../../bot/oncall/feeds.js';

/**
 * The iCalendar feeds: GET /oncall/feeds/<token>.ics, the token alone grants access (calendar
 * apps send no credentials), and an unknown one is a plain 404 that says nothing about others.
 */
export function installOncallFeeds(app: Pick<AppContext, 'ops' | 'http'>): void {
  const { ops } = app;
  app.http.route('GET', '/oncall/feeds/:file', async (req) => {
    const token = req.params.file?.replace(/\.ics$/, '') ?? '';
    const calendar = /^[\w-]{32}$/.test(token) ? await feedCalendar(ops, await feedSecret(ops.store), token, ops.clock.now()) : undefined;
    if (!calendar) return { status: 404, body: 'No such calendar feed.' };
    return { status: 200, headers: { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, max-age=300' }, body: calendar };
  });
}
