/** Colours a canvas starter may use; the canvas maps them to its own palette. */
export type CanvasColor = 'yellow' | 'blue' | 'green' | 'red' | 'violet' | 'orange' | 'grey';

/** A titled area of the canvas (a quadrant, a swimlane, a group). Coordinates are relative to the starter. */
export interface CanvasFrame {
  readonly id: string;
  readonly title: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly color: CanvasColor;
  /** A short hint shown with the frame, in plain language. */
  readonly hint?: string;
}

/** How a moment felt, for experience-based co-design touchpoints. */
export type Emotion = 'positive' | 'mixed' | 'negative';

/** A sticky note to create, optionally inside a frame. */
export interface CanvasNote {
  readonly id: string;
  readonly frameId: string | null;
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly color: CanvasColor;
  readonly emotion?: Emotion;
}

/** A free text label (axis titles, headings). */
export interface CanvasLabel {
  readonly id: string;
  readonly text: string;
  readonly x: number;
  readonly y: number;
}

/** An arrow between two frames or notes (process steps, journey order). */
export interface CanvasArrow {
  readonly id: string;
  readonly from: string;
  readonly to: string;
}

/** A canvas layout described as data, for the canvas to create as frames, notes, labels and arrows. */
export interface CanvasStarter {
  readonly width: number;
  readonly height: number;
  /** What to do, in plain language, shown to everyone when the starter is added. */
  readonly instructions: string;
  readonly frames: readonly CanvasFrame[];
  readonly notes: readonly CanvasNote[];
  readonly labels: readonly CanvasLabel[];
  readonly arrows: readonly CanvasArrow[];
}
