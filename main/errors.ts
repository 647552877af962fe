/**
 * An error whose message is written for the person using the app: it says what happened and
 * what to do, and it crosses the IPC boundary and the command line as it is.
 *
 * It sits beside contract.ts rather than inside a layer because every layer raises or reports
 * it: the store, the import readers, the exports, the API, the command line and the shell.
 */
export class UserError extends Error {
  override name = 'UserError';
}
