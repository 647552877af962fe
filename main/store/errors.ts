/**
 * An error whose message is written for the person using the app: it says what happened and
 * what to do, and it crosses the IPC boundary and the command line as it is.
 */
export class UserError extends Error {
  override name = 'UserError';
}
