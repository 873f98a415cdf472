import type { CreateLinkRequest, InviteLink, ListLinksResponse, Role } from '@qi/protocol';

/** The links API (`/api/boards/<id>/links`) with a facilitator token. Errors have readable messages. */
export class LinksApi {
  constructor(
    private readonly boardId: string,
    private readonly token: string,
    private readonly fetchFn: typeof fetch = (...args) => fetch(...args),
  ) {}

  async list(): Promise<InviteLink[]> {
    const body = (await this.request('', { method: 'GET' })) as ListLinksResponse;
    return body.links;
  }

  async create(role: Role, expiresInSeconds?: number): Promise<InviteLink> {
    const request: CreateLinkRequest = expiresInSeconds ? { role, expiresInSeconds } : { role };
    return (await this.request('', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    })) as InviteLink;
  }

  async revoke(linkId: string): Promise<void> {
    await this.request(`/${encodeURIComponent(linkId)}`, { method: 'DELETE' });
  }

  private async request(path: string, init: RequestInit): Promise<unknown> {
    let response: Response;
    try {
      response = await this.fetchFn(`/api/boards/${this.boardId}/links${path}`, {
        ...init,
        headers: { ...init.headers, authorization: `Bearer ${this.token}` },
      });
    } catch (cause) {
      throw new Error('Could not reach QI Board. Check your connection and try again.', { cause });
    }
    if (response.status === 204) return null;
    if (response.ok) return response.json();
    if (response.status === 429) throw new Error('Too many links made just now. Wait a minute.');
    if (response.status === 401 || response.status === 403) {
      throw new Error('Your link does not allow managing invitations.');
    }
    throw new Error(`The server answered ${response.status}. Try again.`);
  }
}
