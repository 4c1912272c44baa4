/**
 * Slack wants every action_id in a message to be unique, but two buttons may share a neutral
 * action (Approve on two deployments). The n-th repeat gets a `~n` suffix, removed on the way in.
 */
const SUFFIX = /~\d+$/;

/** Link buttons send block_actions too; this id marks them as carrying no action. */
export const LINK_ACTION_PREFIX = 'open-link';

export function actionIdAllocator(): (action: string) => string {
  const seen = new Map<string, number>();
  return (action) => {
    const n = seen.get(action) ?? 0;
    seen.set(action, n + 1);
    return n === 0 ? action : `${action}~${n}`;
  };
}

/** The neutral action name of an action_id, or undefined for link buttons (and for a payload without one). */
export function decodeActionId(actionId: unknown): string | undefined {
  if (typeof actionId !== 'string') return undefined;
  const name = actionId.replace(SUFFIX, '');
  return name === LINK_ACTION_PREFIX ? undefined : name;
}
