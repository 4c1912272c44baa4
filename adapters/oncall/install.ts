import type { AppContext } from '../../bot/app-context.js';
import { EmailPageSender } from './email-sender.js';
import { installOncallFeeds } from './feed-routes.js';
import { WebhookPageSender } from './webhook-sender.js';

/** The on-call pieces that talk to the outside: calendar feeds, and the e-mail and webhook outlets pages go through. */
export function installOncallAdapters(app: Pick<AppContext, 'ops' | 'http'>): void {
  const { ops } = app;
  const { oncall, secrets } = ops.config;
  installOncallFeeds(app);
  const secret = (variable: string) => secrets.engineSecrets?.[variable];
  ops.outbox.registerSender(
    new WebhookPageSender({
      clock: ops.clock,
      secret,
      outlet: (id) => (id.startsWith('person.') ? oncall.contacts[id.slice(7)]?.webhook : id.startsWith('policy.') ? oncall.policies[id.slice(7)]?.webhook : undefined),
    }),
  );
  if (oncall.email) {
    const password = oncall.email.secretEnv ? secret(oncall.email.secretEnv) : undefined;
    ops.outbox.registerSender(new EmailPageSender({ smtp: oncall.email, ...(password ? { password } : {}), address: (person) => oncall.contacts[person]?.email }));
  }
}
