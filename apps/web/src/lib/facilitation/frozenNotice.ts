/** What a non-facilitator is told on a diagram whose structure the facilitator froze. */
export const FROZEN_NOTICE = 'The facilitator has frozen this diagram’s structure';
