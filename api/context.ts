/** The typed context every resolver receives: the shared database, this request's counter and caller. */
import type { YogaInitialContext } from 'graphql-yoga';
import type { Role } from '../schema/metamodel';
import type { RequestDatabase } from '../store/database';
import type { Loaders } from './loaders';
import type { AuthResult } from './auth/authenticate';

export interface Principal {
  name: string;
  role: Role;
  tokenId: string;
}

/** What this application adds to Yoga's context. */
export interface AppContext {
  /** This request's database handle; it counts the request's Cypher round trips. */
  db: RequestDatabase;
  loaders: Loaders;
  /** Who sent the request: looked up once, on first use, from the bearer token. */
  auth: () => Promise<AuthResult>;
}

/** The context resolvers see: Yoga's (request, params) plus ours. */
export type Context = YogaInitialContext & AppContext;
