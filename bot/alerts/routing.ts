import type { Config } from '../config/schema.js';
import { matchesAll, parseMatcher, type LabelMatcher } from './matchers.js';

interface CompiledRoute {
  matchers: LabelMatcher[];
  channel: string;
  continue: boolean;
  name?: string;
  policy?: string;
}

const cache = new WeakMap<Config, CompiledRoute[]>();

function compiledRoutes(config: Config): CompiledRoute[] {
  let routes = cache.get(config);
  if (!routes) {
    routes = config.alerts.routes.map((r) => ({
      matchers: r.match.map(parseMatcher),
      channel: r.channel,
      continue: r.continue,
      ...(r.name ? { name: r.name } : {}),
      ...(r.policy ? { policy: r.policy } : {}),
    }));
    cache.set(config, routes);
  }
  return routes;
}

/**
 * The channels a group goes to: every matching route up to the first without `continue`; with
 * none, the service's own channel, then `channels.alerts`.
 */
export function routeChannels(config: Config, labels: Record<string, string>, service: string | undefined): string[] {
  const channels: string[] = [];
  for (const route of matchingRoutes(config, labels)) if (!channels.includes(route.channel)) channels.push(route.channel);
  if (channels.length > 0) return channels;
  const serviceChannel = service ? config.services[service]?.channel : undefined;
  return [serviceChannel ?? config.channels.alerts];
}

/** The routes a group with these labels takes, in order: every match up to the first without `continue`. */
export function matchingRoutes(config: Config, labels: Record<string, string>): readonly CompiledRoute[] {
  const matched: CompiledRoute[] = [];
  for (const route of compiledRoutes(config)) {
    if (!matchesAll(route.matchers, labels)) continue;
    matched.push(route);
    if (!route.continue) break;
  }
  return matched;
}
