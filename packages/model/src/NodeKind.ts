/** The two diagram kinds a board can hold. */
export type DiagramKind = 'fishbone' | 'driver';

/** Kinds of node: fishbone effect/category/cause; driver aim/primary/secondary/change idea. */
export type NodeKind = 'effect' | 'category' | 'cause' | 'aim' | 'primary' | 'secondary' | 'change';

/** Strength of a driver-diagram relationship: drawn solid (strong) or dotted (weak or uncertain). */
export type LinkStrength = 'strong' | 'weak';

/** All diagram kinds, for validation and pickers. */
export const DIAGRAM_KINDS: readonly DiagramKind[] = ['fishbone', 'driver'];

/** All node kinds, for validation. */
export const NODE_KINDS: readonly NodeKind[] = [
  'effect',
  'category',
  'cause',
  'aim',
  'primary',
  'secondary',
  'change',
];

/** The kind of the single head node each diagram kind starts with (the effect, or the aim). */
export const ROOT_KIND: Readonly<Record<DiagramKind, NodeKind>> = {
  fishbone: 'effect',
  driver: 'aim',
};

const CHILD_KINDS: Readonly<Record<NodeKind, readonly NodeKind[]>> = {
  effect: ['category'],
  category: ['cause'],
  cause: ['cause'],
  aim: ['primary'],
  primary: ['secondary'],
  secondary: ['change'],
  change: [],
};

/** Which kinds may sit directly under a node of `parent` kind (the "allowed kinds per level" rule). */
export function allowedChildKinds(parent: NodeKind): readonly NodeKind[] {
  return CHILD_KINDS[parent];
}

/** The kind a new child of `parent` gets by default, or undefined when the parent takes no children. */
export function defaultChildKind(parent: NodeKind): NodeKind | undefined {
  return CHILD_KINDS[parent][0];
}

/** Human-readable label for a node kind, used in exports and outlines. */
export const NODE_KIND_LABELS: Readonly<Record<NodeKind, string>> = {
  effect: 'Effect',
  category: 'Category',
  cause: 'Cause',
  aim: 'Aim',
  primary: 'Primary driver',
  secondary: 'Secondary driver',
  change: 'Change idea',
};

/**
 * The cross-link rule for driver diagrams: a secondary driver may also influence other primary drivers,
 * and a change idea other secondary drivers. Returns the kind a link from `from` must point at.
 */
export function linkTargetKind(from: NodeKind): NodeKind | undefined {
  if (from === 'secondary') return 'primary';
  if (from === 'change') return 'secondary';
  return undefined;
}
