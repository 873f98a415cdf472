import { ROLE_LABELS, type AwarenessState } from '@qi/protocol';
import { readAwarenessUser } from '$lib/identity/readAwarenessUser';

/** Someone on the board right now, from Yjs awareness. */
export interface Person {
  clientId: number;
  name: string;
  color: string;
  isSelf: boolean;
  /** How they take part, from the server-bound identity: "Patient or carer partner", "ward nurse"… */
  roleText: string;
}

/** Everyone with a name in the awareness states: this person first, then by name. */
export function peopleFromStates(
  states: ReadonlyMap<number, Partial<AwarenessState>>,
  localClientId: number,
): Person[] {
  const people: Person[] = [];
  for (const [clientId, state] of states) {
    const user = readAwarenessUser(state.user);
    if (!user) continue;
    people.push({
      clientId,
      name: user.name,
      color: user.color,
      isSelf: clientId === localClientId,
      roleText: user.label ?? (user.role ? ROLE_LABELS[user.role] : ''),
    });
  }
  return people.sort(
    (a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name, 'en-GB'),
  );
}
