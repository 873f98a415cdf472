import type { CreateBoardRequest, CreateBoardResponse } from '@qi/protocol';

/** Creates a board on the server (`POST /api/boards`). Throws with a readable message on failure. */
export async function createBoard(
  title?: string,
  fetchFn: typeof fetch = fetch,
): Promise<CreateBoardResponse> {
  let response: Response;
  try {
    response = await fetchFn('/api/boards', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify((title ? { title } : {}) satisfies CreateBoardRequest),
    });
  } catch (cause) {
    throw new Error('Could not reach QI Board. Check your connection and try again.', { cause });
  }
  if (response.status !== 201) {
    throw new Error(`Could not create a board (the server answered ${response.status}).`);
  }
  const body = (await response.json()) as Partial<CreateBoardResponse>;
  if (
    typeof body.id !== 'string' ||
    typeof body.url !== 'string' ||
    typeof body.facilitatorUrl !== 'string'
  ) {
    throw new Error('Could not create a board (unexpected answer from the server).');
  }
  return {
    id: body.id,
    url: body.url,
    facilitatorUrl: body.facilitatorUrl,
    title: body.title ?? '',
    createdAt: body.createdAt ?? new Date().toISOString(),
  };
}
