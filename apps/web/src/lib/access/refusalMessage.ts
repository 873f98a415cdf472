import { CloseCode, RefusalReason } from '@qi/protocol';

/** What the board page says when the server refused or closed the connection for good. */
export interface RefusalMessage {
  heading: string;
  text: string;
  /** The person may try again (a limit, not a decision about their link). */
  canRetry: boolean;
  /** The saved link no longer works: forget it on this device. */
  linkDead: boolean;
}

/** Plain-language message for a permanent (44xx) close, from its code and reason. */
export function refusalMessage(code: number, reason: string): RefusalMessage {
  const askAgain = 'Ask the person who runs the session for a new invite link.';
  switch (code) {
    case CloseCode.unauthorized:
      if (reason === RefusalReason.revoked) {
        return {
          heading: 'This invite link has been withdrawn',
          text: 'The person who runs this board has stopped this link from working. Ask them for a new invite link.',
          canRetry: false,
          linkDead: true,
        };
      }
      if (reason === RefusalReason.expired) {
        return {
          heading: 'This invite link has expired',
          text: `Links can be made to work for a limited time only. ${askAgain}`,
          canRetry: false,
          linkDead: true,
        };
      }
      return {
        heading: 'This invite link does not work',
        text: `It may have been copied only in part. ${askAgain}`,
        canRetry: false,
        linkDead: true,
      };
    case CloseCode.forbidden:
      return {
        heading: 'This link is for a different board',
        text: askAgain,
        canRetry: false,
        linkDead: true,
      };
    case CloseCode.boardNotFound:
      return {
        heading: 'This board is not available',
        text: 'It may have been deleted, or the link may be wrong. Ask the person who shared it for a new link.',
        canRetry: false,
        linkDead: false,
      };
    case CloseCode.rateLimited:
      return reason === RefusalReason.tooManyConnections
        ? {
            heading: 'The board is busy',
            text: 'Too many people or windows are connected right now. Close other windows of this board, then try again.',
            canRetry: true,
            linkDead: false,
          }
        : {
            heading: 'The connection was paused',
            text: 'This window sent changes faster than the board accepts. Your work is saved on this device; try again to reconnect.',
            canRetry: true,
            linkDead: false,
          };
    case CloseCode.tooLarge:
      return {
        heading:
          reason === RefusalReason.boardFull ? 'This board is full' : 'That change was too large',
        text: 'The board did not accept the last change. Try again; if it keeps happening, start a new board for the rest of the session.',
        canRetry: true,
        linkDead: false,
      };
    case CloseCode.patientIdentifier:
      return {
        heading: 'That change looked like patient data',
        text: 'The board refuses text that looks like an NHS number, a date of birth or a hospital number, so your last change was not added. The board was loaded again without it.',
        canRetry: false,
        linkDead: false,
      };
    case CloseCode.refusedChange:
      if (reason === RefusalReason.diagramFrozen) {
        return {
          heading: 'The facilitator has frozen this diagram’s structure',
          text: 'The facilitator froze this diagram just as you added, moved or removed something in it, so that change was not added. You can still change the wording. Try again to reconnect.',
          canRetry: true,
          linkDead: false,
        };
      }
      if (reason === RefusalReason.perspectiveNotYours) {
        return {
          heading: 'That change spoke for someone else',
          text: 'Your contributions carry your own perspective (a patient partner’s as patient or carer, a staff member’s as staff); the last change gave another one, so it was not added. Try again to reconnect.',
          canRetry: true,
          linkDead: false,
        };
      }
      return reason === RefusalReason.boardLocked
        ? {
            heading: 'The board is locked',
            text: 'The facilitator locked the board just as you made a change, so it was not added. It is kept on this device and will be added when you reconnect after the board is unlocked.',
            canRetry: true,
            linkDead: false,
          }
        : {
            heading: 'Only the facilitator can change that',
            text: 'The timer, agenda and lock are run by the facilitator. Try again to reconnect.',
            canRetry: true,
            linkDead: false,
          };
    default:
      return {
        heading: 'The connection was closed',
        text: 'Something went wrong between this device and the board. Try again.',
        canRetry: true,
        linkDead: false,
      };
  }
}
