/** Adding accounts to a token: plan the slots, write, verify (issue 4). */
export * from './plan';
export * from './verify';
export * from './write';
