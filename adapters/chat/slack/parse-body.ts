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

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
