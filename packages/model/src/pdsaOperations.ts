import * as Y from 'yjs';
import type { BoardContext } from './BoardContext';
import { childMap, diagramRecord, newRecord, newText, type YRecord } from './boardSchema';
import { PDSA_FIELDS, type PdsaDecision, type PdsaField } from './DiagramSnapshot';
import { checkNonEmpty, checkText, LIMITS } from './limits';
import { NotFoundError, ValidationError } from './ModelError';
import { liveDiagram, liveNode } from './nodeOperations';
import { replaceText } from './replaceText';

/** Input of addPdsaCycle: a new test of a change idea. */
export interface AddPdsaInput {
  readonly diagramId: string;
  readonly changeIdeaId: string;
  readonly authorId: string;
  readonly fields?: Partial<Record<PdsaField, string>>;
  readonly id?: string;
}

/** Adds the next PDSA cycle for a change idea (numbered after the existing ones); returns its id. */
export function addPdsaCycle(ctx: BoardContext, input: AddPdsaInput): string {
  const snapshot = liveDiagram(ctx, input.diagramId);
  const idea = liveNode(snapshot, input.changeIdeaId);
  if (idea.kind !== 'change')
    throw new ValidationError('changeIdeaId', 'PDSA cycles test a change idea');
  const authorId = checkNonEmpty('authorId', input.authorId, LIMITS.authorId);
  const fields = new Y.Map<Y.Text>();
  for (const f of PDSA_FIELDS) {
    fields.set(f, newText(checkText(f, input.fields?.[f] ?? '', LIMITS.pdsaField)));
  }
  const previous = snapshot.pdsaCycles.filter((c) => c.changeIdeaId === idea.id);
  const id = input.id ?? ctx.newId();
  childMap(diagramRecord(ctx.doc, input.diagramId), 'pdsa').set(
    id,
    newRecord({
      id,
      changeIdeaId: idea.id,
      cycle: previous.reduce((max, c) => Math.max(max, c.cycle), 0) + 1,
      authorId,
      createdAt: ctx.now(),
      decision: null,
      fields,
    }),
  );
  return id;
}

function pdsaRecord(ctx: BoardContext, diagramId: string, pdsaId: string): YRecord {
  const rec = childMap(diagramRecord(ctx.doc, diagramId), 'pdsa').get(pdsaId);
  if (!(rec instanceof Y.Map)) throw new NotFoundError('pdsa', pdsaId);
  return rec as YRecord;
}

/** Replaces one text field of a PDSA cycle. */
export function setPdsaField(
  ctx: BoardContext,
  diagramId: string,
  pdsaId: string,
  field: PdsaField,
  text: string,
): void {
  if (!PDSA_FIELDS.includes(field))
    throw new ValidationError('field', `unknown PDSA field ${field}`);
  checkText(field, text, LIMITS.pdsaField);
  const fields = childMap<Y.Text>(pdsaRecord(ctx, diagramId, pdsaId), 'fields');
  let ytext = fields.get(field);
  if (!(ytext instanceof Y.Text)) {
    ytext = new Y.Text();
    fields.set(field, ytext);
  }
  replaceText(ytext, text);
}

/** Records the act decision (adopt, adapt or abandon), or clears it with null. */
export function setPdsaDecision(
  ctx: BoardContext,
  diagramId: string,
  pdsaId: string,
  decision: PdsaDecision | null,
): void {
  if (decision !== null && decision !== 'adopt' && decision !== 'adapt' && decision !== 'abandon') {
    throw new ValidationError('decision', "must be 'adopt', 'adapt', 'abandon' or null");
  }
  pdsaRecord(ctx, diagramId, pdsaId).set('decision', decision);
}

/** Deletes a PDSA cycle record. */
export function deletePdsaCycle(ctx: BoardContext, diagramId: string, pdsaId: string): void {
  pdsaRecord(ctx, diagramId, pdsaId);
  childMap(diagramRecord(ctx.doc, diagramId), 'pdsa').delete(pdsaId);
}
