import nodemailer, { type Transporter } from 'nodemailer';
import type { ChatSender, PostRequest, PostResult } from '../../bot/chat-sender.js';
import { PermanentSendError } from '../../bot/chat-sender.js';
import type { EmailOutletConfig } from '../../bot/oncall/config-schema.js';

export interface EmailSenderOptions {
  smtp: EmailOutletConfig;
  password?: string;
  /** The address an `email:<person>` channel names. */
  address(person: string): string | undefined;
}

/** Pages by e-mail through SMTP (nodemailer), `email:` channels. Pages are never edited. */
export class EmailPageSender implements ChatSender {
  readonly platform = 'email';
  private readonly transport: Transporter;

  constructor(private readonly options: EmailSenderOptions) {
    const { smtp, password } = options;
    this.transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      ...(smtp.user ? { auth: { user: smtp.user, pass: password ?? '' } } : {}),
      connectionTimeout: 10_000,
      socketTimeout: 20_000,
    });
  }

  async post(request: PostRequest): Promise<PostResult> {
    const to = this.options.address(request.channelId);
    if (!to) throw new PermanentSendError(`no e-mail address for ${request.channelId} under oncall.contacts`);
    const { message } = request;
    // The Message-ID comes from the outbox's dedupe key, so a resend after a crash is the same mail.
    const messageId = `<${request.dedupeKey.replace(/[^\w.-]/g, '_')}@dayops>`;
    const text = [message.text, ...(message.context ?? [])].filter(Boolean).join('\n\n');
    await this.transport.sendMail({ from: this.options.smtp.from, to, subject: message.title ?? 'dayops page', text, messageId, headers: { 'X-Priority': '1' } });
    return { ref: messageId };
  }

  async edit(): Promise<void> {}

  close(): void {
    this.transport.close();
  }
}
