/** Base class of every error the model throws, so callers can catch the model's errors in one place. */
export class ModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Invalid input to an operation or an import; `field` names the offending input (e.g. `text`, `parentId`). */
export class ValidationError extends ModelError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** An operation referred to a diagram, node, measure or PDSA cycle that does not exist (or is no longer live). */
export class NotFoundError extends ModelError {
  constructor(
    readonly entity: 'diagram' | 'node' | 'measure' | 'link' | 'pdsa',
    readonly id: string,
  ) {
    super(`${entity} ${id} not found`);
  }
}

/**
 * The board (or an imported file) was written by a newer version of QI Board than this code understands.
 * Thrown before anything is changed, so the newer data is never corrupted.
 */
export class UnsupportedVersionError extends ModelError {
  constructor(
    readonly what: 'board schema' | 'diagram file',
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `This ${what} is version ${found}, but this version of QI Board understands up to version ${supported}. Update QI Board to open it.`,
    );
  }
}
