/**
 * Slack's three body shapes on one URL: slash commands as form fields, interactivity as a form
 * field `payload` holding JSON, and events as JSON. Undefined when the body is none of them.
 */
export function parseSlackBody(rawBody: Buffer, contentType: string | undefined): Record<string, unknown> | undefined {
  const text = rawBody.toString('utf8');
  try {
    if ((contentType ?? '').startsWith('application/x-www-form-urlencoded')) {
      const form = Object.fromEntries(new URLSearchParams(text));
      return typeof form.payload === 'string' ? asObject(JSON.parse(form.payload)) : form;
    }
    return asObject(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/**
 * The fields Bolt reads before any listener runs have the types Slack sends; Bolt throws on
 * others (a string where `event` should be an object), which would answer 500 and make Slack retry.
 */
export function hasSlackShape(body: Record<string, unknown>): boolean {
  const objectOrAbsent = (v: unknown) => v === undefined || asObject(v) !== undefined;
  const stringOrAbsent = (v: unknown) => v === undefined || typeof v === 'string';
  const actions = body.actions;
  return (
    stringOrAbsent(body.type) &&
    objectOrAbsent(body.event) &&
    (body.event === undefined || eventHasShape(body.event as Record<string, unknown>)) &&
    objectOrAbsent(body.user) &&
    objectOrAbsent(body.channel) &&
    objectOrAbsent(body.team) &&
    (actions === undefined || (Array.isArray(actions) && actions.every((a) => asObject(a) !== undefined)))
  );
}

function eventHasShape(event: Record<string, unknown>): boolean {
  const strings = ['type', 'text', 'user', 'channel', 'ts', 'thread_ts', 'subtype', 'bot_id'];
  return typeof event.type === 'string' && strings.every((k) => event[k] === undefined || typeof event[k] === 'string');
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
