/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';

/**
 * Offline support. The app build and static files are cached on install, and so is the page
 * shell (pages render in the browser, so one shell serves every route). Pages are fetched from
 * the network first and fall back to the cache; the board itself comes from IndexedDB. The API
 * and the sync socket are never cached.
 */
const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `qi-board-${version}`;
const SHELL = '/';
const ASSETS = new Set([...build, ...files]);
/** tldraw's ~50 translations: English (`main`) is cached up front, the others when first used. */
const TRANSLATION = /\/_app\/immutable\/assets\/([a-z]{2,4}(?:-[a-z]{2})?)\.[\w-]+\.json$/i;
const PRECACHE = [...ASSETS].filter((path) => {
  const language = TRANSLATION.exec(path)?.[1];
  return language === undefined || language === 'main';
});

sw.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([...PRECACHE, SHELL]))
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))),
      )
      .then(() => sw.clients.claim()),
  );
});

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== sw.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/sync')) return;

  if (ASSETS.has(url.pathname)) {
    event.respondWith(cachedAsset(url.pathname, request));
  } else if (request.mode === 'navigate') {
    event.respondWith(networkFirstPage(request));
  }
});

/** Build files never change under one name: the cached copy, else fetched once and kept. */
async function cachedAsset(path: string, request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(path);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(path, response.clone());
  return response;
}

/** The live page when the network answers; otherwise the cached copy or the shell. */
async function networkFirstPage(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = (await cache.match(request)) ?? (await cache.match(SHELL));
    if (cached) return cached;
    throw error;
  }
}
