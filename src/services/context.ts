/**
 * What every service function takes first: the store, the actor recorded in the audit log and the
 * viewer whose visibility rules apply (src/model/visibility.ts). The CLI builds one per command
 * ({@link localContext}: the local single user), the HTTP API one per request (src/server/context.ts
 * extends it; on a team server its store is the access policy's view of the store). Services
 * enforce the rules of their job once; the faces only adapt input and output.
 */
import { LOCAL_VIEWER, type Viewer } from '../model/visibility.js';
import type { Store } from '../store/store.js';

/** Where a service logs what it changed (pino's logger fits). */
export interface ServiceLog {
  info(obj: object, msg: string): void;
}

/** The caller of a service. */
export interface ServiceContext {
  store: Store;
  /** Recorded as the actor of every change in the audit log (`cli:<user>`, `web:local`, `user:<name>`). */
  actor: string;
  /** Who reads: decides which confidential layers appear in lists and views. */
  viewer: Viewer;
  /** Where changes are logged (default: nowhere). */
  log?: ServiceLog;
}

/** A context for the local single user (CLI, tests). */
export function localContext(store: Store, actor: string): ServiceContext {
  return { store, actor, viewer: LOCAL_VIEWER };
}
