/** The button on an accepted decision's message that creates its duty; the value is the decision id. */
export const CREATE_DUTY_ACTION = 'duty.create';
