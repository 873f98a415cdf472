/**
 * The client's address for per-address limits: the socket's peer, or — when TRUST_PROXY is set
 * because a reverse proxy stands in front — the last `X-Forwarded-For` entry, the one that proxy
 * appended (earlier entries are whatever the client claimed, so they are never used).
 */
export function clientAddress(
  remote: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustProxy: boolean,
): string {
  if (trustProxy && forwardedFor !== undefined) {
    const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
    const last = header.split(',').at(-1)?.trim();
    if (last) return last;
  }
  return remote ?? 'unknown';
}
