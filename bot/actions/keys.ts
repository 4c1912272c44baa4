export const ACTION_REMIND_JOB = 'action.remind';

export function remindJobId(id: string): string {
  return `action-remind:${id}`;
}

/** The button on a resolved incident that says how to record an action item; value `INC-n`. */
export const ADD_ACTION_ACTION = 'incident.add-action';
