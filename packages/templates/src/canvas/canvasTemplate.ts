import type { CanvasStarter } from '../CanvasStarter';
import type { CanvasStarterTemplate } from '../Template';

/** Wraps canvas data as a template whose builder returns a fresh deep copy each time. */
export function canvasTemplate(
  spec: { id: string; name: string; description: string },
  starter: CanvasStarter,
): CanvasStarterTemplate {
  return { ...spec, kind: 'canvas-starter', build: () => structuredClone(starter) };
}
