import adapter from '@sveltejs/adapter-node';

/**
 * Every page, script, style, font and icon comes from this origin; the sync socket too.
 * tldraw draws with inline styles and uses data:/blob: URLs for images and exports.
 */
/** @type {import('@sveltejs/kit').KitConfig['csp']} */
const csp = {
  mode: 'auto',
  directives: {
    'default-src': ['self'],
    'script-src': ['self'],
    'style-src': ['self', 'unsafe-inline'],
    'img-src': ['self', 'data:', 'blob:'],
    'media-src': ['self', 'data:', 'blob:'],
    'font-src': ['self', 'data:'],
    // data:/blob: are in-page (tldraw reads its bundled small assets and exports that way).
    'connect-src': ['self', 'data:', 'blob:'],
    'worker-src': ['self', 'blob:'],
    'frame-src': ['none'],
    'object-src': ['none'],
    'base-uri': ['self'],
    'form-action': ['self'],
  },
};

/** @type {import('@sveltejs/kit').Config} */
const config = {
  kit: {
    // The server (apps/server) imports build/handler.js, so keep adapter-node's default out dir.
    adapter: adapter(),
    csp,
    // Absolute asset paths: the service worker serves one cached shell for every route.
    paths: { relative: false },
  },
};

export default config;
