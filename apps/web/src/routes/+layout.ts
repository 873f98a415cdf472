/**
 * Pages render in the browser only: boards live in the Y.Doc and recent boards in localStorage,
 * so the server has nothing to render, and one HTML shell (cached by the service worker) serves
 * every route when offline.
 */
export const ssr = false;
export const prerender = false;
