import type { PostRequest } from '../../bot/chat-sender.js';

/** What a page says outside chat: the message in plain fields, and the key that names it. */
export function pagePayload(request: PostRequest): Record<string, unknown> {
  const { message } = request;
  return {
    type: 'dayops.page',
    // The page's key, the same on every outlet it went to (`oncall-page:ALG-3:0.1:alice`).
    key: request.key.split('|')[0],
    title: message.title ?? '',
    text: message.text ?? '',
    context: message.context ?? [],
    // Resends after a crash carry the same id, so a bridge can drop duplicates.
    id: request.dedupeKey,
  };
}
