/** `npm run schema:print`: publish the SDL to schema/schema.graphql. */
import { writeFileSync } from 'node:fs';
import { buildSdl, PUBLISHED_SDL_PATH } from './sdl';

writeFileSync(PUBLISHED_SDL_PATH, buildSdl());
console.log(`wrote ${PUBLISHED_SDL_PATH.pathname}`);
