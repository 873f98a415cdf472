import { error } from '@sveltejs/kit';
import { isBoardId, TOKEN_PARAM } from '@qi/protocol';
import type { PageLoad } from './$types';

/** An invite link: `/join/<boardId>?token=…`. The token is checked by the server on connect. */
export const load: PageLoad = ({ params, url }) => {
  if (!isBoardId(params.id)) error(404, 'There is no board at this address. Check the link.');
  return { boardId: params.id, token: url.searchParams.get(TOKEN_PARAM) ?? '' };
};
