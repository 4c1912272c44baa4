import type { z } from 'zod';
import type { OncallConfig } from './config-schema.js';

interface Referenced {
  people: { name: string }[];
  services: Record<string, unknown>;
  alerts: { routes: { name?: string | undefined; policy?: string | undefined }[] };
  oncall: OncallConfig;
}

/**
 * The references the on-call section makes to the rest of the file: people, policies, services,
 * alert routes. Called
 * from the file schema, so a bad name is reported with its path like any other config error.
 */
export function checkOncallReferences(config: Referenced, ctx: z.RefinementCtx): void {
  const people = new Set(config.people.map((p) => p.name));
  const policies = config.oncall.policies;
  const routeNames = new Set(config.alerts.routes.flatMap((r) => (r.name ? [r.name] : [])));
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path: ['oncall', ...path], message });
  for (const [name, schedule] of Object.entries(config.oncall.schedules)) {
    schedule.layers.forEach((layer, i) => {
      layer.people.forEach((person, j) => {
        if (!people.has(person)) issue(['schedules', name, 'layers', i, 'people', j], `${person} is not one of the people in this file`);
      });
    });
    if (schedule.policy && !policies[schedule.policy]) issue(['schedules', name, 'policy'], `there is no policy named ${schedule.policy} under oncall.policies`);
    schedule.routes.forEach((route, i) => {
      if (!routeNames.has(route)) issue(['schedules', name, 'routes', i], `there is no alert route named ${route} (give one a name: under alerts.routes)`);
    });
  }
  for (const [service, { policy }] of Object.entries(config.oncall.services)) {
    if (!(service in config.services)) issue(['services', service], `${service} is not one of the services in this file`);
    if (!policies[policy]) issue(['services', service, 'policy'], `there is no policy named ${policy} under oncall.policies`);
  }
  const named = new Set<string>();
  config.alerts.routes.forEach((route, i) => {
    if (route.name && named.has(route.name)) ctx.addIssue({ code: 'custom', path: ['alerts', 'routes', i, 'name'], message: `another route is already named ${route.name}` });
    if (route.name) named.add(route.name);
    if (route.policy && !policies[route.policy]) ctx.addIssue({ code: 'custom', path: ['alerts', 'routes', i, 'policy'], message: `there is no policy named ${route.policy} under oncall.policies` });
  });
  for (const [person, contact] of Object.entries(config.oncall.contacts)) {
    if (!people.has(person)) issue(['contacts', person], `${person} is not one of the people in this file`);
    if (contact.email && !config.oncall.email) issue(['contacts', person, 'email'], 'paging by e-mail needs oncall.email (the SMTP server)');
  }
  if (config.oncall.defaultPolicy && !policies[config.oncall.defaultPolicy]) issue(['defaultPolicy'], `there is no policy named ${config.oncall.defaultPolicy} under oncall.policies`);
  for (const [name, policy] of Object.entries(policies)) {
    policy.steps.forEach((step, i) => {
      const person = step.notify.startsWith('person:') ? step.notify.slice(7) : undefined;
      if (person && !people.has(person)) issue(['policies', name, 'steps', i, 'notify'], `${person} is not one of the people in this file`);
    });
  }
}
