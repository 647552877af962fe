import type { ClinicInput } from '../../main/api/meetings';

/**
 * The November 2023 director's clinic most tests start from: held on 9 Nov 2023, no chair or
 * people unless a test names them.
 */
export function newClinic(fields: Partial<ClinicInput> = {}): ClinicInput {
  return {
    held_on: '2023-11-09',
    kind: 'Director’s performance clinic',
    scope: [],
    chair: '',
    attendees: [],
    apologies: [],
    ...fields,
  };
}
