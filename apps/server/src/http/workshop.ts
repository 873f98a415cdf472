import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type * as Y from 'yjs';
import {
  findPatientIdentifiers,
  LIMITS,
  parsePerspective,
  readPatientDataMode,
  strictestPatientDataMode,
  ValidationError,
} from '@qi/model';
import { isParticipantKey, PARTICIPANT_KEY_HEADER, perspectiveSuitsRole } from '@qi/protocol';
import type { AppDeps } from '../app';
import type { WorkshopItemKind, WorkshopItemRecord } from '../storage/Storage';
import { KeyedRateLimiter } from '../limits/KeyedRateLimiter';
import { docFromStored } from '../sync/boardDoc';
import { RoomUnavailableError, type RoomRegistry } from '../sync/RoomRegistry';
import type { BoardTokenEnv } from './boardToken';

/**
 * What the rounds and votes routes (issue 7) share: role checks, input readers, one queue per
 * board, server changes to the document and the write rate limit. Private ideas and ballots go
 * only to storage; the document gets what everyone may see.
 */

/** Largest workshop request body. */
export const WORKSHOP_BODY_LIMIT = 8 * 1024;
/** Idea and ballot writes one participant may make per minute on a board, and all together. */
const WRITES_PER_MINUTE = 120;
const BOARD_WRITES_PER_MINUTE = 3000;
/**
 * How long a claim may stay `opening` (claimed, the document write not yet stored) before
 * another `begin` takes it for the leftover of a process that died in between.
 */
const OPENING_GRACE_MS = 60_000;
/** Ideas one person may hold in one round, and all people together. */
export const MAX_IDEAS_PER_PERSON = 100;
export const MAX_IDEAS_PER_ROUND = 2000;

/** A fresh id for a round, a vote or an idea: 16 base64url characters (96 random bits). */
export function newWorkshopId(): string {
  return randomBytes(12).toString('base64url');
}

/** The board id of the request (already checked by `boardToken`). */
export function boardIdOf(c: Context<BoardTokenEnv>): string {
  return c.req.param('id')!;
}

/** 403 unless the request's link is a facilitator's. */
export function requireFacilitator(c: Context<BoardTokenEnv>, action: string): void {
  if (c.var.link.role !== 'facilitator') {
    throw new HTTPException(403, { message: `only a facilitator can ${action}` });
  }
}

/** 403 for observer links: they watch, they neither add ideas nor vote. */
export function requireParticipant(c: Context<BoardTokenEnv>): void {
  if (c.var.link.role === 'observer') {
    throw new HTTPException(403, { message: 'an observer link cannot add ideas or vote' });
  }
}

/** A body's `diagramId`; 400 unless a non-empty string. */
export function readDiagramId(value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new HTTPException(400, { message: 'diagramId must be a diagram id' });
  }
  return value;
}

/** A participant key from a body field (`field` names it); 400 when malformed. */
export function readParticipantKey(value: unknown, field = 'participantKey'): string {
  if (!isParticipantKey(value)) {
    throw new HTTPException(400, {
      message: `${field} must be 22 base64url characters (A-Z, a-z, 0-9, - and _)`,
    });
  }
  return value;
}

/**
 * The participant key of a GET or DELETE, from the `X-Participant-Key` header; 400 when missing
 * or malformed, and when the URL carries one (it would be in access logs: refused, not used).
 */
export function participantKeyHeader(c: Context): string {
  if (c.req.query('participantKey') !== undefined) {
    throw new HTTPException(400, {
      message: `the participant key goes in the ${PARTICIPANT_KEY_HEADER} header, never in the URL`,
    });
  }
  return readParticipantKey(
    c.req.header(PARTICIPANT_KEY_HEADER),
    `${PARTICIPANT_KEY_HEADER} header`,
  );
}

/** A non-empty string field of at most `max` characters; 400 naming it otherwise. */
export function readText(field: string, value: unknown, max: number): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new HTTPException(400, { message: `${field} must be a non-empty string` });
  }
  if (value.length > max) {
    throw new HTTPException(400, {
      message: `${field} is ${value.length} characters; the limit is ${max}`,
    });
  }
  return value;
}

/** An idea's text (the model's node text limit). */
export function readIdeaText(value: unknown): string {
  return readText('text', value, LIMITS.nodeText);
}

/**
 * A perspective that suits the link's role: a patient link speaks as `patient` or `carer`,
 * staff links as `staff:<label>`. 400 when malformed, 403 when it does not suit the role.
 */
export function readPerspective(c: Context<BoardTokenEnv>, value: unknown): string {
  let perspective: string;
  try {
    perspective = parsePerspective(value);
  } catch (error) {
    if (error instanceof ValidationError) throw new HTTPException(400, { message: error.message });
    throw error;
  }
  // Facilitators speak for themselves here, as staff (in the document they may transcribe).
  const { role } = c.var.link;
  if (!perspectiveSuitsRole(role === 'facilitator' ? 'contributor' : role, perspective)) {
    throw new HTTPException(403, {
      message:
        role === 'patient'
          ? 'a patient link speaks as patient or carer'
          : 'a staff link speaks as staff:<role>',
    });
  }
  return perspective;
}

/**
 * 422 when the board (or the deployment) blocks patient identifiers and `text` holds one. The
 * text is never logged or echoed; the message says what kind of identifier it looks like.
 */
export function refusePatientIdentifiers(registry: RoomRegistry, doc: Y.Doc, text: string): void {
  const { patientDataMode, hospitalNumberPatterns = [] } = registry.limits;
  if (strictestPatientDataMode(patientDataMode, readPatientDataMode(doc)) !== 'block') return;
  const [match] = findPatientIdentifiers(text, { hospitalNumberPatterns });
  if (match) {
    throw new HTTPException(422, {
      message: `this looks like patient-identifiable information (${match.reason}); remove it and try again`,
    });
  }
}

/** 409 with `message` (the round or vote is not open, or one already is). */
export function conflict(message: string): HTTPException {
  return new HTTPException(409, { message });
}

/** 422 with `message` (well-formed, but not acceptable on this board now). */
export function unprocessable(message: string): HTTPException {
  return new HTTPException(422, { message });
}

/** What `begin`, `finish` and `store` need to know of rounds, or of votes. */
export interface WorkshopScope {
  /** The kind of their private items. */
  kind: WorkshopItemKind;
  /** The one the document shows open, if any. */
  current(doc: Y.Doc): { id: string } | null;
  /** 409 message when one is already open. */
  busy: string;
  /** 409 message when the one asked for is not open. */
  notOpen: string;
}

/** State the rounds and votes routes of one app share. */
export interface Workshop {
  registry: RoomRegistry;
  storage: AppDeps['storage'];
  /**
   * Runs `work` after every earlier workshop task of the board (in this process). Across
   * processes the claims in storage keep the rules (`begin`, `finish`, `store`).
   */
  serial<T>(boardId: string, work: () => Promise<T>): Promise<T>;
  /** `registry.changeBoard`, answering 503 when the board cannot be loaded. */
  change<T>(boardId: string, change: (doc: Y.Doc) => T): Promise<T>;
  /** 429 when this participant has written too much on this board in the last minute. */
  takeWrite(c: Context<BoardTokenEnv>, participantKey: string): void;
  /**
   * Opens a round or vote in the board's queue. First claims the board's scope of that kind in
   * storage (409 `busy` when another process or an earlier request holds it; a claim the stored
   * document does not show is a leftover and is taken over), deletes stored items left by one
   * that ended without a reveal or close, then runs `open` with the new id as a server change
   * (it throws 409 when the document shows one open). A refusal releases the claim.
   */
  begin<T>(
    boardId: string,
    scope: WorkshopScope,
    open: (doc: Y.Doc, scopeId: string) => T,
  ): Promise<T>;
  /**
   * Ends a round or vote in the board's queue: marks its claim `closing` (no item is stored
   * after that, in any process), runs `end` with its stored items as a server change (it throws
   * 409 when that one is not open; the claim is then put back), then releases the claim and
   * deletes the items. 409 `notOpen` when another scope holds the claim.
   */
  finish<T>(
    boardId: string,
    scope: WorkshopScope,
    scopeId: string,
    end: (doc: Y.Doc, items: WorkshopItemRecord[]) => T,
  ): Promise<T>;
  /**
   * Stores an idea or ballot if its round or vote is open in storage (the claim every process
   * shares), whatever this process's copy of the document shows; 409 `notOpen` otherwise.
   */
  store(scope: WorkshopScope, item: WorkshopItemRecord): Promise<void>;
  /** 409 `notOpen` unless storage holds `scopeId` open (before an item is withdrawn). */
  requireOpen(scope: WorkshopScope, boardId: string, scopeId: string): Promise<void>;
}

/** The shared workshop state of one app (one queue and one rate limiter per app, not per module). */
export function createWorkshop({ registry, storage }: AppDeps): Workshop {
  const queues = new Map<string, Promise<unknown>>();
  const writes = new KeyedRateLimiter(WRITES_PER_MINUTE);
  // Participant keys are the browser's own choice, so a board has a ceiling too.
  const boardWrites = new KeyedRateLimiter(BOARD_WRITES_PER_MINUTE);
  /** Whether the stored document (every process's writes, not this one's copy) shows `scopeId` open. */
  const storedShows = async (boardId: string, scope: WorkshopScope, scopeId: string) => {
    const stored = await storage.loadBoard(boardId);
    if (!stored) return false;
    const doc = docFromStored(stored);
    try {
      return scope.current(doc)?.id === scopeId;
    } finally {
      doc.destroy();
    }
  };
  /**
   * Claims `scopeId`, taking over once a claim that is a leftover: one the stored document does
   * not show (it ended without a reveal, or its process died while opening it; an `opening`
   * claim only after OPENING_GRACE_MS, as its document write may still be on its way).
   * A claim is only ever released once the stored document no longer shows its scope.
   */
  const claim = async (boardId: string, scope: WorkshopScope, scopeId: string) => {
    for (let pass = 0; ; pass++) {
      const holder = await storage.claimWorkshopScope(boardId, scope.kind, scopeId, Date.now());
      if (!holder) return;
      const leftover =
        pass === 0 &&
        (holder.phase !== 'opening' || Date.now() - holder.claimedAt > OPENING_GRACE_MS) &&
        !(await storedShows(boardId, scope, holder.scopeId));
      if (!leftover) throw conflict(scope.busy);
      await storage.releaseWorkshopScope(boardId, scope.kind, holder.scopeId);
    }
  };
  /**
   * Claims `scopeId` as open when no claim is held and the stored document shows it open: a
   * round or vote opened before claims were stored. Resolves whether `scopeId` holds the claim.
   */
  const adopt = async (boardId: string, scope: WorkshopScope, scopeId: string) => {
    if (await storage.getWorkshopScope(boardId, scope.kind)) return false;
    if (!(await storedShows(boardId, scope, scopeId))) return false;
    const holder = await storage.claimWorkshopScope(boardId, scope.kind, scopeId, Date.now());
    if (holder) return holder.scopeId === scopeId && holder.phase !== 'closing';
    await storage.setWorkshopScopePhase(boardId, scope.kind, scopeId, 'open');
    return true;
  };
  return {
    registry,
    storage,
    serial(boardId, work) {
      const previous = queues.get(boardId) ?? Promise.resolve();
      const run = previous.then(work, work);
      const tail = run.catch(() => undefined);
      queues.set(boardId, tail);
      void tail.then(() => {
        if (queues.get(boardId) === tail) queues.delete(boardId);
      });
      return run;
    },
    async change(boardId, change) {
      try {
        return await registry.changeBoard(boardId, change);
      } catch (error) {
        if (error instanceof RoomUnavailableError) {
          throw new HTTPException(503, { message: error.message, cause: error });
        }
        throw error;
      }
    },
    begin(boardId, scope, open) {
      return this.serial(boardId, async () => {
        const { kind } = scope;
        const scopeId = newWorkshopId();
        await claim(boardId, scope, scopeId);
        let value;
        try {
          if (!(await this.change(boardId, scope.current))) {
            await storage.deleteWorkshopItems(boardId, kind);
          }
          value = await this.change(boardId, (doc) => open(doc, scopeId));
        } catch (error) {
          // Kept when storage fails too: taken over as a leftover after OPENING_GRACE_MS.
          await storage.releaseWorkshopScope(boardId, kind, scopeId).catch(() => undefined);
          throw error;
        }
        await storage.setWorkshopScopePhase(boardId, kind, scopeId, 'open');
        return value;
      });
    },
    finish(boardId, scope, scopeId, end) {
      return this.serial(boardId, async () => {
        const { kind } = scope;
        let was = await storage.setWorkshopScopePhase(boardId, kind, scopeId, 'closing');
        if (!was) {
          if (!(await adopt(boardId, scope, scopeId))) throw conflict(scope.notOpen);
          was = await storage.setWorkshopScopePhase(boardId, kind, scopeId, 'closing');
          if (!was) throw conflict(scope.notOpen);
        }
        const items = await storage.listWorkshopItems(boardId, kind, scopeId);
        let value;
        try {
          value = await this.change(boardId, (doc) => end(doc, items));
        } catch (error) {
          // Left closing when storage fails too: no items until a reveal or close succeeds.
          await storage.setWorkshopScopePhase(boardId, kind, scopeId, was).catch(() => undefined);
          throw error;
        }
        await storage.releaseWorkshopScope(boardId, kind, scopeId);
        return value;
      });
    },
    async store(scope, item) {
      let put = await storage.putWorkshopItem(item);
      if (put === 'closed' && (await adopt(item.boardId, scope, item.scopeId))) {
        put = await storage.putWorkshopItem(item);
      }
      if (put === 'closed') throw conflict(scope.notOpen);
      // Ideas get fresh ids and a ballot's id is its owner's key: only a forged id lands here.
      if (put === 'taken') throw conflict('that id belongs to another participant');
    },
    async requireOpen(scope, boardId, scopeId) {
      const holder = await storage.getWorkshopScope(boardId, scope.kind);
      if (holder?.scopeId === scopeId && holder.phase !== 'closing') return;
      if (!(await adopt(boardId, scope, scopeId))) throw conflict(scope.notOpen);
    },
    takeWrite(c, participantKey) {
      const limiter = !writes.take(`${boardIdOf(c)}:${participantKey}`)
        ? writes
        : !boardWrites.take(boardIdOf(c))
          ? boardWrites
          : null;
      if (limiter) {
        c.header('Retry-After', String(limiter.retryAfterSeconds));
        throw new HTTPException(429, { message: 'too many changes just now; try again shortly' });
      }
    },
  };
}
