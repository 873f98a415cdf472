import { error } from '@sveltejs/kit';
import { isBoardId } from '@qi/protocol';
import type { PageLoad } from './$types';

/** Only well-formed board ids reach the board page; whether the board exists, the server says. */
export const load: PageLoad = ({ params }) => {
  if (!isBoardId(params.id)) error(404, 'There is no board at this address. Check the link.');
  return { boardId: params.id };
};
