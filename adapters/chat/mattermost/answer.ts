import type { OpsMessage, Reply } from '../../../bot/model.js';
import type { MattermostPost } from './render.js';

/** A slash command's answer (inline or through response_url): ephemeral for the asker, or in the channel. */
export interface CommandResponse extends MattermostPost {
  response_type: 'ephemeral' | 'in_channel';
  text: string;
}

export async function commandResponse(reply: Reply, render: (message: OpsMessage) => Promise<MattermostPost>): Promise<CommandResponse> {
  const post = await render(reply.message);
  return { response_type: reply.visibility === 'private' || reply.failed ? 'ephemeral' : 'in_channel', text: post.message, props: post.props, message: post.message };
}

/** The plain text of a reply, for `ephemeral_text` (a button press's answer to the presser alone). */
export function plainText(message: OpsMessage): string {
  return [message.title ? `**${message.title}**` : undefined, message.text, ...(message.fields ?? []).map((f) => `${f.label}: ${typeof f.value === 'string' ? f.value : f.value.at}`)].filter(Boolean).join('\n');
}

export const WORKING: CommandResponse = { response_type: 'ephemeral', text: 'Working on it…', message: 'Working on it…', props: { attachments: [] } };
