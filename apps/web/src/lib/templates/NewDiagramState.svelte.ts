import { AIM_PARTS, type AimParts, type Board } from '@qi/model';
import { templatesOfKind, type DiagramTemplate } from '@qi/templates';
import { aimHints, aimSentence } from '$lib/diagrams/aimHints';

/** Templates that ask for the aim: blank driver diagrams (the worked example has its own). */
const ASKS_FOR_AIM = new Set(['driver-blank']);

/** What the person chose in the gallery, kept until the board is open (e.g. after "New board"). */
export interface DiagramChoice {
  readonly templateId: string;
  readonly problem: string;
  readonly aim: AimParts;
}

/** The diagram templates a gallery offers, fishbones first. */
export function diagramTemplates(): DiagramTemplate[] {
  return [...templatesOfKind('fishbone'), ...templatesOfKind('driver')];
}

/**
 * The template gallery's form: which template, and the problem (fishbone) or the four parts of
 * the aim (driver diagram), with hints while the aim is not yet measurable.
 */
export class NewDiagramState {
  readonly templates = diagramTemplates();
  templateId = $state<string | null>(null);
  problem = $state('');
  aim = $state<AimParts>({ what: '', howMuch: '', forWhom: '', byWhen: '' });

  readonly template = $derived(this.templates.find((t) => t.id === this.templateId));
  readonly asksForProblem = $derived(this.template?.kind === 'fishbone');
  readonly asksForAim = $derived(ASKS_FOR_AIM.has(this.templateId ?? ''));
  readonly hints = $derived(this.asksForAim ? aimHints(this.aim) : []);

  /** The choice to keep or apply, or undefined when no template is chosen. */
  choice(): DiagramChoice | undefined {
    if (!this.templateId) return undefined;
    return { templateId: this.templateId, problem: this.problem.trim(), aim: { ...this.aim } };
  }

  reset(): void {
    this.templateId = null;
    this.problem = '';
    this.aim = { what: '', howMuch: '', forWhom: '', byWhen: '' };
  }
}

/** Adds the chosen diagram to the board (one transaction per step, all under `origin`). */
export function createDiagram(
  board: Board,
  choice: DiagramChoice,
  author: { authorId: string; perspective: import('@qi/model').Perspective },
  origin: unknown,
): string | undefined {
  const template = diagramTemplates().find((t) => t.id === choice.templateId);
  if (!template) return undefined;
  const asksForAim = ASKS_FOR_AIM.has(template.id);
  const headText =
    template.kind === 'fishbone'
      ? choice.problem || undefined
      : asksForAim
        ? aimSentence(choice.aim) || undefined
        : undefined;
  const { diagramId } = template.build(board, { ...author, headText }, origin);
  if (asksForAim) {
    for (const part of AIM_PARTS) {
      const text = choice.aim[part].trim();
      if (text) board.setAimPart(diagramId, part, text, origin);
    }
  }
  return diagramId;
}

/** A title for a new board made from a choice: the problem, else the aim, else the template's name. */
export function boardTitle(choice: DiagramChoice, maxLength: number): string {
  const template = diagramTemplates().find((t) => t.id === choice.templateId);
  const text = choice.problem.trim() || aimSentence(choice.aim) || template?.name || '';
  return text.replace(/\s+/g, ' ').slice(0, maxLength).trim();
}

const PENDING_KEY = 'qi-board:pending-diagram:';

/** Keeps a choice made on the home page until the new board has opened (this tab only). */
export function keepPendingDiagram(storage: Storage, boardId: string, choice: DiagramChoice): void {
  storage.setItem(PENDING_KEY + boardId, JSON.stringify(choice));
}

/** The choice kept for this board, removed as it is taken. */
export function takePendingDiagram(storage: Storage, boardId: string): DiagramChoice | undefined {
  const raw = storage.getItem(PENDING_KEY + boardId);
  if (!raw) return undefined;
  storage.removeItem(PENDING_KEY + boardId);
  try {
    const value = JSON.parse(raw) as Partial<DiagramChoice>;
    if (typeof value.templateId !== 'string' || typeof value.problem !== 'string') return undefined;
    const aim = value.aim ?? { what: '', howMuch: '', forWhom: '', byWhen: '' };
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    return {
      templateId: value.templateId,
      problem: value.problem,
      aim: {
        what: text(aim.what),
        howMuch: text(aim.howMuch),
        forWhom: text(aim.forWhom),
        byWhen: text(aim.byWhen),
      },
    };
  } catch (_error) {
    return undefined;
  }
}
