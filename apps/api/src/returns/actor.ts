/**
 * Who did a step. Staff sign-in does not exist yet: until it does, every step is recorded as done by this
 * placeholder, never by a name a client types.
 */
export const ANONYMOUS_ACTOR = 'anonymous';
