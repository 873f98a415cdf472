/**
 * tldraw 3.15's sliders (e.g. opacity in the style panel) put their name on the slider track as
 * a `title`, but the focusable thumb (role="slider") has no accessible name (WCAG 4.1.2).
 * This copies the track's title onto each thumb as it appears. Returns a function that stops.
 */
export function labelSliderThumbs(root: HTMLElement): () => void {
  const label = () => {
    for (const thumb of root.querySelectorAll<HTMLElement>(
      '.tlui-slider__thumb:not([aria-label])',
    )) {
      const name = thumb.closest<HTMLElement>('.tlui-slider')?.title;
      if (name) thumb.setAttribute('aria-label', name.split(' — ')[0] ?? name);
    }
  };
  const observer = new MutationObserver(label);
  observer.observe(root, { childList: true, subtree: true });
  label();
  return () => observer.disconnect();
}
