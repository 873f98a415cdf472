import {
  JOIN_PARAMS,
  MAX_DISPLAY_NAME_LENGTH,
  MAX_ROLE_LABEL_LENGTH,
  PRESENCE_COLOURS,
  ROLE_LABELS,
  roleCanWrite,
  TOKEN_PARAM,
  type AwarenessUser,
} from '@qi/protocol';
import type { Admit } from '../http/syncEndpoint';
import type { LinkRecord } from '../storage/Storage';
import { AwarenessBinding } from '../sync/AwarenessBinding';
import type { Links } from './Links';

/** Control, zero-width and bidi-override characters: never part of a displayed name. */
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;

/** A typed name or label made displayable: invisible characters out, spaces tidied, length cut. */
export function cleanText(raw: string | null, max: number): string {
  return (raw ?? '').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim().slice(0, max).trim();
}

/**
 * The identity others see for a connection: role from the link, name, staff label and colour
 * from the join parameters (cleaned; a missing name becomes the role's name, a missing or
 * malformed colour one picked from the link id).
 */
export function joinIdentity(query: URLSearchParams, link: LinkRecord): AwarenessUser {
  const name = cleanText(query.get(JOIN_PARAMS.name), MAX_DISPLAY_NAME_LENGTH);
  const label =
    link.role === 'facilitator' || link.role === 'contributor'
      ? cleanText(query.get(JOIN_PARAMS.label), MAX_ROLE_LABEL_LENGTH)
      : '';
  const colour = query.get(JOIN_PARAMS.color) ?? '';
  let hash = 0;
  for (const char of link.id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return {
    name: name || ROLE_LABELS[link.role],
    color: /^#[0-9a-f]{6}$/i.test(colour)
      ? colour.toLowerCase()
      : PRESENCE_COLOURS[hash % PRESENCE_COLOURS.length]!,
    role: link.role,
    ...(label ? { label } : {}),
  };
}

/** Prefix of the WebSocket subprotocol that may carry the token instead of the query. */
export const TOKEN_PROTOCOL_PREFIX = 'qi-token.';

/** The token offered as a `qi-token.<token>` subprotocol, if any. */
function tokenFromProtocols(header: string | undefined): string | null {
  for (const protocol of (header ?? '').split(',')) {
    const trimmed = protocol.trim();
    if (trimmed.startsWith(TOKEN_PROTOCOL_PREFIX))
      return trimmed.slice(TOKEN_PROTOCOL_PREFIX.length);
  }
  return null;
}

/**
 * The sync endpoint's admission: the capability token from the `token` query parameter (or a
 * `qi-token.<token>` subprotocol, which the WebSocket server then echoes as the one it selects)
 * must open this board (Links.check); observers are read-only; awareness is bound to the identity.
 */
export function tokenAdmit(links: Links): Admit {
  return async (request, boardId) => {
    const query = new URL(request.url ?? '/', 'http://upgrade').searchParams;
    const token =
      query.get(TOKEN_PARAM) ?? tokenFromProtocols(request.headers['sec-websocket-protocol']);
    const access = await links.check(token, boardId);
    if (!access.ok) return { ok: false, code: access.closeCode, reason: access.reason };
    const { link } = access;
    return {
      ok: true,
      linkId: link.id,
      options: {
        canWrite: roleCanWrite(link.role),
        role: link.role,
        awareness: new AwarenessBinding(joinIdentity(query, link), link.id),
        context: { role: link.role, link: link.id },
      },
    };
  };
}
