import type { webApi } from '@slack/bolt';
import type { ChannelDirectory } from '../../../bot/channel-names.js';
import type { Logger } from '../../../bot/log.js';

const CACHE_MS = 5 * 60_000;
/** A name not found is looked up again only after this long, so a typo cannot hammer the API. */
const MISS_RETRY_MS = 30_000;

/**
 * Channel names to ids, from conversations.list (public and private channels the bot can see),
 * read page by page and cached; chat.update takes ids only, so `#ops` must become `C…`.
 */
export class SlackChannelDirectory implements ChannelDirectory {
  private cache: { at: number; ids: Map<string, string> } | undefined;
  private loading: Promise<Map<string, string> | undefined> | undefined;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly now: () => number,
    private readonly log: Logger,
  ) {}

  async idOf(name: string): Promise<string | undefined | 'unavailable'> {
    const key = name.toLowerCase();
    const fresh = this.cache && this.now() - this.cache.at < CACHE_MS;
    const found = fresh ? this.cache!.ids.get(key) : undefined;
    if (found) return found;
    if (fresh && this.now() - this.cache!.at < MISS_RETRY_MS) return undefined;
    const ids = (await this.reload()) ?? this.cache?.ids;
    return ids ? ids.get(key) : 'unavailable';
  }

  /** Undefined when Slack refused the listing. */
  private reload(): Promise<Map<string, string> | undefined> {
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async load(): Promise<Map<string, string> | undefined> {
    const ids = new Map<string, string>();
    try {
      let cursor: string | undefined;
      do {
        const page = await this.client.conversations.list({ types: 'public_channel,private_channel', exclude_archived: true, limit: 1000, ...(cursor ? { cursor } : {}) });
        for (const c of page.channels ?? []) if (c.id && c.name) ids.set(c.name.toLowerCase(), c.id);
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
    } catch (err) {
      // The command is refused with a sentence naming the id form; the log says why the lookup failed.
      this.log.warn({ err }, 'could not list Slack channels to find a channel by name');
      return undefined;
    }
    this.cache = { at: this.now(), ids };
    return ids;
  }
}
