import { getContext, setContext } from 'svelte';
import type { WorkshopState } from './WorkshopState.svelte';

const KEY = Symbol('workshop');

/** The current workshop state, read when called (null while the board's diagrams are opening). */
export type WorkshopGetter = () => WorkshopState | null;

/**
 * Makes the page's workshop state reachable from components deep inside shared panels (the
 * facilitation panel, outline items) without threading a prop through them. Call during the
 * page component's initialisation.
 */
export function provideWorkshop(current: WorkshopGetter): void {
  setContext(KEY, current);
}

/** The workshop state provided by the page, or a getter of null on pages without one. */
export function useWorkshop(): WorkshopGetter {
  return getContext<WorkshopGetter | undefined>(KEY) ?? (() => null);
}
